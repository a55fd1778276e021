package com.hartomat.dispatch.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.api.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values from a closed set: refused naming the allowed ones, repeating at most 64 characters of what was sent. */
class ChoicesTest {

    @Test
    void aValueOutsideTheSetIsRefusedNamingTheAllowedOnes() {
        ApiException e = assertThrows(ApiException.class,
                () -> Choices.oneOfOrNull("bogus", Choices.RENDER_STATUSES, "/render_status"));
        assertEquals(422, e.status());
        assertEquals("invalid_value", e.code());
        assertEquals("/render_status", e.path());
        assertEquals("'bogus' is not a valid render_status; one of pending, processing, completed, failed, cancelled",
                e.getMessage());
        assertEquals(400, assertThrows(ApiException.class,
                () -> Choices.queryOneOfOrNull("bogus", Choices.ASSET_TYPES, "/asset_type")).status());
    }

    @Test
    void aLongValueIsRepeatedCutAt64Characters() {
        String sent = "x".repeat(3000);
        ApiException e = assertThrows(ApiException.class,
                () -> Choices.queryOneOfOrNull(sent, Choices.ASSET_TYPES, "/asset_type"));
        assertEquals("'" + "x".repeat(64) + "…' is not a valid asset_type; one of " + String.join(", ", Choices.ASSET_TYPES),
                e.getMessage());
        assertEquals("'" + "y".repeat(64) + "' is not a valid status; one of a, b",
                Choices.message("y".repeat(64), List.of("a", "b"), "/status"));
    }

    @Test
    void allowedValuesAreTrimmedAndAbsentOnesAreNull() {
        assertEquals("still", Choices.queryOneOfOrNull(" still ", Choices.ASSET_TYPES, "/asset_type"));
        assertNull(Choices.oneOfOrNull(null, Choices.RENDER_STATUSES, "/render_status"));
        assertNull(Choices.oneOfOrNull("  ", Choices.RENDER_STATUSES, "/render_status"));
    }
}
