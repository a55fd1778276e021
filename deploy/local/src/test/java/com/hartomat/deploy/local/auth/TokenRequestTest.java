package com.hartomat.deploy.local.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenRequestTest {

    @Test
    void roleSubjectAndTtlAreRead() {
        TokenRequest r = TokenRequest.parse(List.of("--role", "operator", "--sub", "alice", "--ttl", "30m"));
        assertEquals(new TokenRequest("alice", List.of("operator"), Duration.ofMinutes(30)), r);
    }

    @Test
    void theTtlDefaultsToAnHour() {
        assertEquals(Duration.ofHours(1), TokenRequest.parse(List.of("--sub", "bob", "--role", "viewer")).ttl());
    }

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "2h, PT2H", "7d, PT168H", "PT45M, PT45M"})
    void ttlsAreWrittenTheWayPeopleWriteThem(String text, String expected) {
        assertEquals(Duration.parse(expected), TokenRequest.duration(text));
    }

    @Test
    void unknownRolesMissingSubjectsAndBadTtlsAreRefusedWithTheReason() {
        assertTrue(refusal("--role", "root", "--sub", "a").contains("unknown role 'root'"));
        assertTrue(refusal("--role", "admin").contains("--sub is required"));
        assertTrue(refusal("--sub", "a").contains("--role is required"));
        assertTrue(refusal("--role", "admin", "--sub", "a", "--ttl", "soon").contains("--ttl 'soon'"));
        assertTrue(refusal("--role", "admin", "--sub", "a", "--ttl", "0s").contains("positive"));
        assertTrue(refusal("--role").contains("needs a value"));
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> TokenRequest.parse(List.of(args))).getMessage();
    }
}
