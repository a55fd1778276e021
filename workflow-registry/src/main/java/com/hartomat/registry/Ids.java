package com.hartomat.registry;

import com.hartomat.api.errors.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Path ids and timestamps as the registry stores them. */
public final class Ids {

    private Ids() {
    }

    /** A path id that is not a UUID names no entity: 404, not 400, as for any unknown id. */
    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what, id);
        }
    }

    /** Now, at the database's precision, so a saved entity reads back equal to what the API returned. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
