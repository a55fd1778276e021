package com.hartomat.comparison.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached from one that answered with an error. */
final class Sql {

    private Sql() {
    }

    static RuntimeException failure(String what, SQLException e) {
        if (unreachable(e)) {
            return new StoreUnavailable(what + ": the database is unreachable: " + e.getMessage(), e);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }

    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() == null ? sql.getMessage() != null
                    && sql.getMessage().contains("Acquisition timeout") : sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
