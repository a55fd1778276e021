package com.hartomat.comparison.store;

/** The database cannot be reached: not the message's fault, so its handling is retried rather than dead-lettered. */
public class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
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
