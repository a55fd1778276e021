package com.hartomat.comparison.api;

import com.hartomat.api.errors.ApiException;
import java.util.UUID;

/**
 * Ids a client sends in a path or query parameter: a UUID, or 400 {@code invalid_id} with the parameter's JSON pointer,
 * refused before any lookup or call to another service. Messages echo at most {@link #ECHOED} characters of what
 * the client sent.
 */
public final class Ids {

    /** How much of a client's value a message repeats. */
    static final int ECHOED = 64;

    private Ids() {
    }

    /** {@code value} as a UUID; 400 {@code invalid_id} at {@code pointer} (e.g. {@code /id}) when it is not one. */
    public static UUID uuid(String value, String pointer) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_id", "'" + echo(value) + "' is not a valid id (UUID expected)", pointer);
    }

    /** A client's value as a message may repeat it: its first {@value #ECHOED} characters, then "…". */
    public static String echo(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= ECHOED ? value : value.substring(0, ECHOED) + "…";
    }
}
