package com.hartomat.api.errors;

/**
 * A dependency of the service (its database, another service) cannot be reached right now: answered with 503 and a
 * stable code, never with its message or the cause's text (both are logged). A service's own "unreachable" exception extends this.
 */
public class Unavailable extends RuntimeException {

    private final String code;

    public Unavailable(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
