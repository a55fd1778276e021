package com.hartomat.dispatch.runstream;

import com.hartomat.api.errors.ApiException;

/** The {@code Last-Event-ID} request header: the id of the last status event the client received. */
final class LastEventId {

    static final String HEADER = "Last-Event-ID";

    private LastEventId() {
    }

    /** The id, or null when the client has none; anything but a whole number from 0 is refused with 400. */
    static Long parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_last_event_id", HEADER + " must be the id of a status event this "
                + "stream sent (a whole number), got '" + header + "'", "/headers/" + HEADER);
    }
}
