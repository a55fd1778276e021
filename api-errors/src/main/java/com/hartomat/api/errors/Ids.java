package com.hartomat.api.errors;

import java.util.UUID;

/**
 * Ids a client sends in a path, query parameter or body field: a UUID in its canonical 36-character form, or a 4xx
 * with the field's JSON pointer, refused before any lookup or call to another service. Messages repeat at most
 * {@link #ECHOED} characters of what the client sent, so a 3,000-character id does not come back in the error.
 */
public final class Ids {

    /** How much of a client's value a message repeats. */
    static final int ECHOED = 64;

    private Ids() {
    }

    /**
     * {@code value} as a UUID. Absent or blank: 422 {@code missing_field}; anything but a UUID: 400
     * {@code invalid_id}; both at {@code pointer} (e.g. {@code /id}).
     */
    public static UUID uuid(String value, String pointer) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("missing_field", pointer.substring(pointer.lastIndexOf('/') + 1) + " is required",
                    pointer);
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_id", "'" + echo(value) + "' is not a valid id (UUID expected)", pointer);
    }

    /** An optional id, such as a list filter: null when absent or blank, else as {@link #uuid}. */
    public static UUID uuidOrNull(String value, String pointer) {
        return value == null || value.isBlank() ? null : uuid(value, pointer);
    }

    /**
     * An optional id kept as text (a filter compared with stored text, an id of another service's records): its
     * canonical form, so that an upper-case id matches; null when absent or blank, else checked as {@link #uuid}.
     */
    public static String textOrNull(String value, String pointer) {
        UUID id = uuidOrNull(value, pointer);
        return id == null ? null : id.toString();
    }

    /** A client's value as a message may repeat it: its first {@value #ECHOED} characters, then "…". */
    public static String echo(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= ECHOED ? value : value.substring(0, ECHOED) + "…";
    }
}
