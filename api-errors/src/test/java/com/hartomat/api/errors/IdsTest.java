package com.hartomat.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static final String ID = "0b7c3f8e-2d4a-4f6b-9c1e-5a8d7e6f4b3c";

    @Test
    void aCanonicalUuidParses() {
        assertEquals(UUID.fromString(ID), Ids.uuid(ID, "/id"));
        assertEquals(UUID.fromString(ID), Ids.uuid(ID.toUpperCase(), "/id"));
    }

    @Test
    void anIdThatIsNotAUuidIs400InvalidIdAtItsPointer() {
        ApiException e = assertThrows(ApiException.class, () -> Ids.uuid("run-1", "/order_line_id"));
        assertEquals(400, e.status());
        assertEquals("invalid_id", e.code());
        assertEquals("/order_line_id", e.path());
        assertEquals("'run-1' is not a valid id (UUID expected)", e.getMessage());
    }

    @Test
    void shortenedFormsThatJavaWouldAcceptAreRefused() {
        // UUID.fromString reads "1-1-1-1-1" as 00000001-0001-0001-0001-000000000001: a different id than was sent
        assertEquals("invalid_id", assertThrows(ApiException.class, () -> Ids.uuid("1-1-1-1-1", "/id")).code());
        assertEquals("invalid_id", assertThrows(ApiException.class, () -> Ids.uuid(" " + ID, "/id")).code());
    }

    @Test
    void aMissingRequiredIdIs422MissingFieldNamedByItsPointer() {
        for (String absent : new String[] {null, "", "  "}) {
            ApiException e = assertThrows(ApiException.class, () -> Ids.uuid(absent, "/context_id"));
            assertEquals(422, e.status());
            assertEquals("missing_field", e.code());
            assertEquals("/context_id", e.path());
            assertEquals("context_id is required", e.getMessage());
        }
    }

    @Test
    void anOptionalIdIsNullWhenAbsentAndCheckedWhenSent() {
        assertNull(Ids.uuidOrNull(null, "/workflow_id"));
        assertNull(Ids.uuidOrNull(" ", "/workflow_id"));
        assertEquals(UUID.fromString(ID), Ids.uuidOrNull(ID, "/workflow_id"));
        assertEquals("/workflow_id", assertThrows(ApiException.class, () -> Ids.uuidOrNull("x", "/workflow_id")).path());
    }

    @Test
    void anOptionalIdKeptAsTextIsItsCanonicalForm() {
        assertNull(Ids.textOrNull("", "/output_type_id"));
        assertEquals(ID, Ids.textOrNull(ID.toUpperCase(), "/output_type_id"));
        assertEquals("invalid_id", assertThrows(ApiException.class, () -> Ids.textOrNull("x", "/output_type_id")).code());
    }

    @Test
    void messagesRepeatAtMost64CharactersOfTheValue() {
        String sent = "x".repeat(3000);
        ApiException e = assertThrows(ApiException.class, () -> Ids.uuid(sent, "/id"));
        assertEquals("'" + "x".repeat(64) + "…' is not a valid id (UUID expected)", e.getMessage());
        assertEquals("short", Ids.echo("short"));
        assertEquals("", Ids.echo(null));
    }
}
