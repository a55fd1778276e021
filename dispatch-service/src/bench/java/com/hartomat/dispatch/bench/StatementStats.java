package com.hartomat.dispatch.bench;

import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * With {@code -Dhartomat.postgres.statement-stats=true}: which statements PostgreSQL spent its time on during the last
 * measured phase (pg_stat_statements, reset at the start of each phase). Without it, nothing.
 */
final class StatementStats {

    private StatementStats() {
    }

    static void reset(LocalInfra infra) {
        if (!Boolean.getBoolean(LocalPostgres.STATEMENT_STATS)) {
            return;
        }
        try (Connection c = infra.postgres().superuserConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            System.out.println("  statement statistics unavailable: " + e.getMessage());
        }
    }

    static void print(LocalInfra infra) {
        if (!Boolean.getBoolean(LocalPostgres.STATEMENT_STATS)) {
            return;
        }
        System.out.println("PostgreSQL statements of the last phase, by total execution time (planning apart: a "
                + "prepared statement is planned again at each execution while PostgreSQL prefers custom plans):");
        System.out.println("   total ms      calls   mean ms       rows      plans  plan ms  statement");
        try (Connection c = infra.postgres().superuserConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT total_exec_time, calls, mean_exec_time, rows, plans, total_plan_time, "
                        + "regexp_replace(query, '\\\\s+', ' ', 'g') AS q FROM pg_stat_statements "
                        + "ORDER BY total_exec_time DESC LIMIT 30")) {
            while (r.next()) {
                String q = r.getString("q");
                System.out.printf("%11.1f %10d %9.3f %10d %10d %8.1f  %s%n", r.getDouble(1), r.getLong(2),
                        r.getDouble(3), r.getLong(4), r.getLong(5), r.getDouble(6),
                        q.length() > 160 ? q.substring(0, 160) + "…" : q);
            }
        } catch (SQLException e) {
            System.out.println("  statement statistics unavailable: " + e.getMessage());
        }
    }
}
