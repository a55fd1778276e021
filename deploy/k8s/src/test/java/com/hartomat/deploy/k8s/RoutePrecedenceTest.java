package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.k8s.RouteTable.Match;
import com.hartomat.deploy.k8s.RouteTable.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Under Gateway API's precedence, the rendered HTTPRoutes send every example path of the route table to its service. */
class RoutePrecedenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyExampleReachesItsServiceThroughTheCommittedRoutes(String environment) {
        GatewayPrecedence gateway = new GatewayPrecedence(Repository.committed(environment));
        Map<String, String> examples = RouteTable.read(Repository.root()).examples();
        List<String> wrong = new ArrayList<>();
        examples.forEach((path, service) -> {
            Optional<String> routed = gateway.serviceFor(path);
            if (!routed.equals(Optional.of(service))) {
                wrong.add(path + " → " + routed.orElse("no route") + ", expected " + service);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void aPrefixTranslatedLiterallyWouldTakeTheComparisonEndpointAwayFromComparisonService() {
        // the check above can fail: PathPrefix /api/workflows/runs outranks the comparison regex in Gateway API
        List<Route> routes = List.of(
                new Route("run-comparison", Match.REGEX, "^/api/workflows/runs/[^/]+/comparison$", "comparison-service", false, false),
                new Route("runs", Match.PREFIX, "/api/workflows/runs", "dispatch-service", false, false));
        ObjectNode literal = Nodes.obj("kind", "HTTPRoute", "metadata", Nodes.obj("name", "literal"), "spec", Nodes.obj("rules", Nodes.arr(
                rule("RegularExpression", routes.get(0).path(), "comparison-service"),
                rule("PathPrefix", routes.get(1).path(), "dispatch-service"))));
        String path = "/api/workflows/runs/r1/comparison";
        assertEquals(Optional.of("dispatch-service"), new GatewayPrecedence(List.of(new Located("t", literal))).serviceFor(path));

        ObjectNode translated = Nodes.obj("kind", "HTTPRoute", "metadata", Nodes.obj("name", "translated"), "spec", Nodes.obj("rules", Nodes.arr()));
        for (RouteTranslation.PathMatch match : RouteTranslation.translate(routes)) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) translated.path("spec").path("rules"))
                    .add(rule(match.type(), match.value(), match.route().service()));
        }
        GatewayPrecedence gateway = new GatewayPrecedence(List.of(new Located("t", translated)));
        assertEquals(Optional.of("comparison-service"), gateway.serviceFor(path));
        assertEquals(Optional.of("dispatch-service"), gateway.serviceFor("/api/workflows/runs/r1"));
        assertEquals(Optional.of("dispatch-service"), gateway.serviceFor("/api/workflows/runs"));
        assertNotEquals(Optional.of("dispatch-service"), gateway.serviceFor("/api/workflows/runsx"));
    }

    private static ObjectNode rule(String type, String value, String service) {
        return Nodes.obj("matches", Nodes.arr(Nodes.obj("path", Nodes.obj("type", type, "value", value))),
                "backendRefs", Nodes.arr(Nodes.obj("name", service, "port", 80)));
    }
}
