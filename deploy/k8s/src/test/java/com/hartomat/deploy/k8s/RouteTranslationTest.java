package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.k8s.RouteTable.Match;
import com.hartomat.deploy.k8s.RouteTable.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTranslationTest {

    @Test
    void aPrefixUnderAnEarlierRegexBecomesARegexOfTheSameReach() {
        var matches = RouteTranslation.translate(List.of(
                route("events", Match.REGEX, "^/api/workflows/runs/([^/]+/)?events$"),
                route("runs", Match.PREFIX, "/api/workflows/runs"),
                route("orders", Match.PREFIX, "/api/orders")));
        assertEquals("RegularExpression", matches.get(1).type());
        assertEquals("^/api/workflows/runs(/.*)?$", matches.get(1).value());
        assertEquals("PathPrefix", matches.get(2).type());
    }

    @Test
    void anExactPathAnEarlierRegexMatchesBecomesAnAnchoredRegex() {
        var matches = RouteTranslation.translate(List.of(
                route("any-dispatch", Match.REGEX, "^/api/[^/]+/dispatch$"),
                route("draft", Match.EXACT, "/api/workflows/dispatch"),
                route("draft-preflight", Match.EXACT, "/api/workflows/preflight")));
        assertEquals("RegularExpression", matches.get(1).type());
        assertEquals("^/api/workflows/dispatch$", matches.get(1).value());
        assertEquals("Exact", matches.get(2).type());
    }

    @Test
    void literalPrefixStopsAtTheFirstMetacharacter() {
        assertEquals("/api/workflows/runs/", RouteTranslation.literalPrefix("^/api/workflows/runs/[^/]+/comparison$"));
        assertEquals("/api/x", RouteTranslation.literalPrefix("^/api/xy?"));
        assertTrue(RouteTranslation.underPrefix("/api/workflows/runs/", "/api/workflows/runs"));
        assertFalse(RouteTranslation.underPrefix("/api/workflowsx/", "/api/workflows"));
    }

    private static Route route(String name, Match match, String path) {
        return new Route(name, match, path, "svc", false, false);
    }
}
