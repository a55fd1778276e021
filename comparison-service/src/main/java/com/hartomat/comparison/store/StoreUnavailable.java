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
}
