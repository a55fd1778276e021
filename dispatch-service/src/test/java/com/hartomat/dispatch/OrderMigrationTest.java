package com.hartomat.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.DatabaseCredentials;
import com.hartomat.deploy.local.LocalInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * The data V13 changes, on a database of its own migrated to V12 first and seeded as earlier versions left it: orders a
 * dispatch before RunWriter's move left draft or submitted (the lifecycle moved them to processing at their lines'
 * completion until V13), and processing orders whose lines were cancelled (counted open until V13).
 */
@QuarkusTest
class OrderMigrationTest {

    static final Instant RUN_CREATED = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void v13EndsOrdersLeftBehindByEarlierVersions() throws Exception {
        String database = "v13_check_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        DatabaseCredentials login = LocalInfra.shared().postgres().credentials("dispatch");
        try (Connection admin = LocalInfra.shared().postgres().superuserConnection();
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database + " OWNER " + login.user());
        }
        try {
            String base = LocalInfra.shared().postgres().jdbcUrl();
            String url = base.substring(0, base.lastIndexOf('/') + 1) + database;
            try (Connection c = DriverManager.getConnection(url, login.user(), login.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA dispatch");
            }
            String schemaUrl = url + "?currentSchema=dispatch";
            migrate(schemaUrl, login, MigrationVersion.fromVersion("12"));

            UUID draftCompleted;
            UUID submittedRunning;
            UUID draftJobOnly;
            UUID submittedUntouched;
            UUID processingPartlyCancelled;
            UUID processingAllCancelled;
            UUID processingFailedAndCancelled;
            try (Connection c = DriverManager.getConnection(schemaUrl, login.user(), login.password())) {
                UUID product = UUID.randomUUID();
                execute(c, "INSERT INTO products (id, pim_id, name) VALUES (?, ?, 'p')", product, "PIM-" + product);
                // left draft by an older dispatch, its line rendered: the lifecycle would have moved it on completion
                draftCompleted = order(c, "draft");
                UUID l1 = line(c, draftCompleted, product, "completed");
                run(c, l1);
                // submitted, its line's run still rendering
                submittedRunning = order(c, "submitted");
                run(c, line(c, submittedRunning, product, "processing"));
                // draft, a legacy job queued for its still pending line (no run)
                draftJobOnly = order(c, "draft");
                UUID l3 = line(c, draftJobOnly, product, "pending");
                execute(c, "INSERT INTO render_jobs (job_id, job_type, role, order_line_id) "
                        + "VALUES (?, 'still', 'legacy', ?)", "legacy-" + l3, l3);
                // never dispatched
                submittedUntouched = order(c, "submitted");
                line(c, submittedUntouched, product, "pending");
                // processing, held open by a cancelled line until V13
                processingPartlyCancelled = order(c, "processing");
                line(c, processingPartlyCancelled, product, "completed");
                line(c, processingPartlyCancelled, product, "cancelled");
                processingAllCancelled = order(c, "processing");
                line(c, processingAllCancelled, product, "cancelled");
                processingFailedAndCancelled = order(c, "processing");
                line(c, processingFailedAndCancelled, product, "failed");
                line(c, processingFailedAndCancelled, product, "cancelled");
                line(c, processingFailedAndCancelled, product, "completed");
                assertEquals(1, openLines(c, processingAllCancelled), "V12 counts a cancelled line open");
            }

            migrate(schemaUrl, login, MigrationVersion.LATEST);

            try (Connection c = DriverManager.getConnection(schemaUrl, login.user(), login.password())) {
                assertEnded(c, draftCompleted, "completed");
                assertEquals(RUN_CREATED, started(c, draftCompleted), "processing since its first run");
                assertOpen(c, submittedRunning, 1);
                assertEquals(RUN_CREATED, started(c, submittedRunning));
                assertOpen(c, draftJobOnly, 1);
                assertNotNull(started(c, draftJobOnly));
                assertEquals("submitted", status(c, submittedUntouched));
                assertNull(started(c, submittedUntouched));
                assertEquals(1, openLines(c, submittedUntouched));
                assertEnded(c, processingPartlyCancelled, "completed");
                assertEnded(c, processingAllCancelled, "cancelled");
                assertEnded(c, processingFailedAndCancelled, "failed");
            }
        } finally {
            try (Connection admin = LocalInfra.shared().postgres().superuserConnection();
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    static void migrate(String url, DatabaseCredentials login, MigrationVersion target) {
        Flyway.configure().dataSource(url, login.user(), login.password()).schemas("dispatch").defaultSchema("dispatch")
                .createSchemas(false).locations("classpath:db/migration", "classpath:db/outbox").target(target)
                .load().migrate();
    }

    static UUID order(Connection c, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        execute(c, "INSERT INTO orders (id, order_number, status, processing_started_at) VALUES (?, ?, ?, "
                + "CASE WHEN ?::text = 'processing' THEN now() END)", id, "WF-" + id, status, status);
        return id;
    }

    static UUID line(Connection c, UUID order, UUID product, String renderStatus) throws SQLException {
        UUID id = UUID.randomUUID();
        execute(c, "INSERT INTO order_lines (id, order_id, product_id, render_status) VALUES (?, ?, ?, ?)", id, order,
                product, renderStatus);
        return id;
    }

    static void run(Connection c, UUID line) throws SQLException {
        execute(c, "INSERT INTO workflow_runs (id, order_line_id, execution_mode, status, created_at) "
                + "VALUES (?, ?, 'graph', 'running', ?)", UUID.randomUUID(), line, Timestamp.from(RUN_CREATED));
    }

    static void assertEnded(Connection c, UUID order, String status) throws SQLException {
        assertEquals(status, status(c, order), "order " + order);
        assertEquals(0, openLines(c, order));
        Instant started = started(c, order);
        Instant completed = (Instant) value(c, "SELECT completed_at FROM orders WHERE id = ?", order);
        assertNotNull(started);
        assertNotNull(completed);
        assertTrue(!completed.isBefore(started));
    }

    static void assertOpen(Connection c, UUID order, int open) throws SQLException {
        assertEquals("processing", status(c, order), "order " + order);
        assertEquals(open, openLines(c, order));
        assertNull(value(c, "SELECT completed_at FROM orders WHERE id = ?", order));
    }

    static String status(Connection c, UUID order) throws SQLException {
        return (String) value(c, "SELECT status FROM orders WHERE id = ?", order);
    }

    static int openLines(Connection c, UUID order) throws SQLException {
        return ((Number) value(c, "SELECT open_lines FROM orders WHERE id = ?", order)).intValue();
    }

    static Instant started(Connection c, UUID order) throws SQLException {
        return (Instant) value(c, "SELECT processing_started_at FROM orders WHERE id = ?", order);
    }

    static Object value(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Object v = r.getObject(1);
                return v instanceof Timestamp t ? t.toInstant() : v;
            }
        }
    }

    static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i] instanceof Timestamp t ? t : args[i]);
            }
            s.executeUpdate();
        }
    }
}
