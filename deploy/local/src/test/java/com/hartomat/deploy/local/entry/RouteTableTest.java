package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void theCommittedTableSendsEveryExampleToTheServiceItNames() {
        RouteTable table = CommittedRoutes.table();
        assertEquals(List.of("workflow-registry", "dispatch-service", "render-worker", "comparison-service"), table.services());
        assertTrue(table.examples().size() >= 20, "the table's examples: " + table.examples().size());
        table.examples().forEach((path, service) ->
                assertEquals(service, table.route(path).orElseThrow().service(), path));
    }

    @Test
    void theCommittedTableMarksTheRunEventsStreamingAndCadFilesUpload() {
        RouteTable table = CommittedRoutes.table();
        assertTrue(table.route("/api/workflows/runs/events").orElseThrow().streaming());
        assertFalse(table.route("/api/workflows/runs").orElseThrow().streaming());
        assertTrue(table.route("/api/cad-files").orElseThrow().upload());
        assertFalse(table.route("/api/products").orElseThrow().upload());
    }

    @Test
    void theConsoleIsServedByTheRegistryUnderWorkflowsBesideTheApisWorkflowRoutes() {
        RouteTable table = CommittedRoutes.table();
        for (String path : List.of("/workflows", "/workflows/", "/workflows/bundle/app-1a2b.js")) {
            RouteTable.Route route = table.route(path).orElseThrow();
            assertEquals("console", route.name(), path);
            assertEquals("workflow-registry", route.service(), path);
        }
        assertEquals("workflows", table.route("/api/workflows").orElseThrow().name());
        assertEquals("runs", table.route("/api/workflows/runs").orElseThrow().name());
        assertTrue(table.route("/workflows-archive").isEmpty(), "a longer name is no part of the console");
    }

    @Test
    void aPrefixMatchesItselfAndWhatIsBelowItButNotALongerName() {
        RouteTable.Route orders = new RouteTable.Route("orders", RouteTable.Match.PREFIX, "/api/orders", "s", false, false);
        assertTrue(orders.matches("/api/orders"));
        assertTrue(orders.matches("/api/orders/1/lines"));
        assertFalse(orders.matches("/api/orders-archive"));
        assertFalse(orders.matches("/api"));
    }

    @Test
    void aRouteToAServiceTheTableDoesNotListIsRefused() {
        RouteTable.Route route = new RouteTable.Route("x", RouteTable.Match.EXACT, "/x", "ghost", false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RouteTable(List.of("s"), List.of(route), Map.of()));
        assertTrue(e.getMessage().contains("ghost"), e.getMessage());
    }
}
