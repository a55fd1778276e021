package com.hartomat.comparison.store;

import com.hartomat.api.errors.Unavailable;

/**
 * The database cannot be reached: not the message's fault, so its handling is retried rather than dead-lettered; a
 * request it fails is answered 503 {@code database_unavailable}.
 */
public class StoreUnavailable extends Unavailable {

    public StoreUnavailable(String message, Throwable cause) {
        super("database_unavailable", message, cause);
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailable) {
                return true;
            }
        }
        return false;
    }

    /** A failed statement as this service reports it: unreachable (retried) or answered with an error. */
    public static RuntimeException of(String what, java.sql.SQLException e) {
        return Sql.failure(what, e);
    }
}
