package com.hartomat.dispatch.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RequesterTest {

    private static final Set<String> RELAYING = Set.of("service:comparison-service");

    @Test
    void aPersonIsAlwaysTheRequesterWhateverTheBodyClaims() {
        assertEquals("alice", Requester.of("alice", "mallory", RELAYING));
        assertEquals("alice", Requester.of("alice", null, RELAYING));
    }

    @Test
    void aRelayingServiceNamesTheUserItCallsFor() {
        assertEquals("bob", Requester.of("service:comparison-service", "bob", RELAYING));
    }

    @Test
    void aRelayingServiceWithoutAUserIsItselfTheRequester() {
        assertEquals("service:comparison-service", Requester.of("service:comparison-service", " ", RELAYING));
        assertEquals("service:comparison-service", Requester.of("service:comparison-service", null, RELAYING));
    }

    @Test
    void anotherServiceIsNotTrustedToRelay() {
        assertEquals("service:dispatch-service", Requester.of("service:dispatch-service", "bob", RELAYING));
    }
}
