package com.hartomat.dispatch.errors;

import com.hartomat.api.errors.ApiException;
import java.util.UUID;

/** Parses identifiers from requests into values, or refuses them with a 4xx. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String value, String path) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("missing_field", path.substring(path.lastIndexOf('/') + 1) + " is required", path);
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_id", "'" + value + "' is not a valid id (UUID expected)", path);
        }
    }

    public static UUID uuidOrNull(String value, String path) {
        return value == null || value.isBlank() ? null : uuid(value, path);
    }
}
