package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxLocationSelectionTest {

    private static NginxLocation location(NginxLocation.Kind kind, String pattern) {
        return new NginxLocation(kind, pattern, new RouteTable.Route(pattern, RouteTable.Match.EXACT, "/", "s", false, false));
    }

    private static final NginxLocation SHORT_PREFIX = location(NginxLocation.Kind.PREFIX, "/api/");
    private static final NginxLocation LONG_PREFIX = location(NginxLocation.Kind.PREFIX, "/api/runs/");
    private static final NginxLocation FIRST_REGEX = location(NginxLocation.Kind.REGEX, "^/api/runs/[^/]+/events$");
    private static final NginxLocation SECOND_REGEX = location(NginxLocation.Kind.REGEX, "events$");
    private static final NginxLocation EXACT = location(NginxLocation.Kind.EXACT, "/api/runs/x/events");
    private static final List<NginxLocation> FILE = List.of(SHORT_PREFIX, SECOND_REGEX, LONG_PREFIX, FIRST_REGEX, EXACT);

    @Test
    void anExactMatchWinsOverEveryRegexAndPrefix() {
        assertEquals(EXACT, NginxLocationSelection.select(FILE, "/api/runs/x/events").orElseThrow());
    }

    @Test
    void theFirstMatchingRegexInFileOrderWinsOverTheLongestPrefix() {
        assertEquals(SECOND_REGEX, NginxLocationSelection.select(FILE, "/api/runs/y/events").orElseThrow());
        assertEquals(FIRST_REGEX, NginxLocationSelection.select(
                List.of(LONG_PREFIX, FIRST_REGEX, SECOND_REGEX), "/api/runs/y/events").orElseThrow());
    }

    @Test
    void withoutAMatchingRegexTheLongestPrefixWinsWhateverItsPlaceInTheFile() {
        assertEquals(LONG_PREFIX, NginxLocationSelection.select(FILE, "/api/runs/y").orElseThrow());
        assertEquals(SHORT_PREFIX, NginxLocationSelection.select(FILE, "/api/orders").orElseThrow());
    }

    @Test
    void aPathNoLocationMatchesSelectsNothing() {
        assertTrue(NginxLocationSelection.select(FILE, "/other").isEmpty());
    }
}
