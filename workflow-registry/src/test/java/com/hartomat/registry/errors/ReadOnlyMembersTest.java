package com.hartomat.registry.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.api.errors.ApiException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadOnlyMembersTest {

    static final Set<String> READ_ONLY = Set.of("id", "version", "created_at");
    static final JsonNode STORED = json("{'id':'a1','name':'old','version':3,'created_at':'2026-12-01T10:00:00Z','gone':null}");

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void readOnlyMembersAreTakenOutOfTheBodyTheReaderSees() {
        ReadOnlyMembers members = ReadOnlyMembers.split(json("{'id':'a1','name':'new','version':3}"), READ_ONLY);
        assertEquals(json("{'name':'new'}"), members.rest());
        assertTrue(members.sent("id"));
        assertFalse(members.sent("created_at"));
    }

    @Test
    void equalValuesAreAcceptedNumbersByValue() {
        ReadOnlyMembers members = ReadOnlyMembers.split(json("{'id':'a1','version':3.0,'created_at':'2026-12-01T10:00:00Z'}"),
                READ_ONLY);
        assertEquals(List.of(), members.differences(STORED, READ_ONLY));
        members.requireUnchanged(STORED);
    }

    @Test
    void everyDifferingMemberIsReportedAtItsPathAs422ReadOnlyField() {
        ReadOnlyMembers members = ReadOnlyMembers.split(json("{'id':'b2','name':'x','version':2,'created_at':'2026-12-01T10:00:00Z'}"),
                READ_ONLY);
        ApiException refused = assertThrows(ApiException.class, () -> members.requireUnchanged(STORED));
        assertEquals(422, refused.status());
        assertEquals("read_only_field", refused.code());
        assertEquals("/id", refused.path());
        assertEquals(List.of("read_only_field@/id", "read_only_field@/version"),
                refused.errors().stream().map(e -> e.code() + "@" + e.path()).sorted().toList());
        assertTrue(refused.getMessage().contains("(and 1 more)"), refused.getMessage());
    }

    @Test
    void aMemberTheStoredBodyHasAsNullOrNotAtAllEqualsOnlyNull() {
        Set<String> readOnly = Set.of("gone", "never");
        assertEquals(List.of(), ReadOnlyMembers.split(json("{'gone':null,'never':null}"), readOnly).differences(STORED, readOnly));
        assertEquals(List.of("/never"), ReadOnlyMembers.split(json("{'never':0}"), readOnly).differences(STORED, readOnly)
                .stream().map(e -> e.path()).toList());
    }

    @Test
    void onlyTheNamedMembersAreCompared() {
        ReadOnlyMembers members = ReadOnlyMembers.split(json("{'id':'b2','version':3}"), READ_ONLY);
        members.requireUnchanged(STORED, Set.of("version"));
        assertThrows(ApiException.class, () -> members.requireUnchanged(STORED, Set.of("id")));
    }

    @Test
    void aBodyThatIsNotAnObjectIsLeftForTheReaderToRefuse() {
        JsonNode array = json("[1]");
        assertSame(array, ReadOnlyMembers.split(array, READ_ONLY).rest());
        assertEquals(null, ReadOnlyMembers.split(null, READ_ONLY).rest());
    }
}
