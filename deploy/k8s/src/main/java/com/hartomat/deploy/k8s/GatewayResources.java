package com.hartomat.deploy.k8s;

import static com.hartomat.deploy.k8s.Nodes.arr;
import static com.hartomat.deploy.k8s.Nodes.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.k8s.RouteTranslation.PathMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Gateway API: the {@code Gateway} and the {@code HTTPRoute}s of the route table (deploy/routes/routes.json).
 * Regular-expression rules all go into one route, in table order, because Gateway API breaks ties between them by
 * rule order only within one route (across routes by creation time); exact and prefix rules go into others (their
 * precedence does not depend on order), at most 16 rules per route as the API allows.
 */
public final class GatewayResources {

    static final int MAX_RULES = 16;
    public static final String REGEX_ROUTE = "hartomat-api-regex";

    private GatewayResources() {
    }

    public static List<ObjectNode> render(RouteTable table, Environment env) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(gateway(env));
        List<PathMatch> matches = RouteTranslation.translate(table.routes());
        List<ObjectNode> regexRules = new ArrayList<>();
        List<ObjectNode> otherRules = new ArrayList<>();
        for (PathMatch match : matches) {
            (match.regex() ? regexRules : otherRules).add(rule(match, table, env));
        }
        if (regexRules.size() > MAX_RULES) {
            throw new IllegalStateException("more than " + MAX_RULES + " regular-expression routes cannot keep their order in one HTTPRoute");
        }
        for (int i = 0; i * MAX_RULES < otherRules.size(); i++) {
            objects.add(route(i == 0 ? "hartomat-api" : "hartomat-api-" + (i + 1),
                    otherRules.subList(i * MAX_RULES, Math.min(otherRules.size(), (i + 1) * MAX_RULES)), env));
        }
        objects.add(route(REGEX_ROUTE, regexRules, env));
        return objects;
    }

    private static ObjectNode gateway(Environment env) {
        JsonNode listener = env.gateway().path("listener");
        ObjectNode spec = obj(
                "name", listener.path("name").asText(),
                "protocol", listener.path("protocol").asText(),
                "port", listener.path("port").asInt(),
                "hostname", listener.has("hostname") ? listener.path("hostname").asText() : null,
                "allowedRoutes", obj("namespaces", obj("from", "Same")));
        if (listener.has("tls_secret")) {
            spec.set("tls", obj("mode", "Terminate",
                    "certificateRefs", arr(obj("kind", "Secret", "name", listener.path("tls_secret").asText()))));
        }
        ObjectNode gateway = Nodes.object("gateway.networking.k8s.io/v1", "Gateway", Suite.GATEWAY, Suite.labels(Suite.GATEWAY));
        gateway.set("spec", obj("gatewayClassName", env.gateway().path("class_name").asText(), "listeners", arr(spec)));
        return gateway;
    }

    private static ObjectNode route(String name, List<ObjectNode> rules, Environment env) {
        ObjectNode route = Nodes.object("gateway.networking.k8s.io/v1", "HTTPRoute", name, Suite.labels(Suite.GATEWAY));
        ArrayNode ruleArray = arr();
        rules.forEach(ruleArray::add);
        route.set("spec", obj(
                "parentRefs", arr(obj("name", Suite.GATEWAY, "sectionName", env.gateway().path("listener").path("name").asText())),
                "rules", ruleArray));
        return route;
    }

    /**
     * One rule per table route, named after it. Server-Sent Events streams get the streaming timeout ({@code 0s}: none),
     * uploads the upload timeout, every other route the default.
     */
    private static ObjectNode rule(PathMatch match, RouteTable table, Environment env) {
        String timeout = env.timeouts().path(match.route().streaming() ? "streaming" : match.route().upload() ? "upload" : "default").asText();
        return obj(
                "name", match.route().name(),
                "matches", arr(obj("path", obj("type", match.type(), "value", match.value()))),
                "backendRefs", arr(obj("name", match.route().service(), "port", table.servicePorts().get(match.route().service()))),
                "timeouts", obj("request", timeout));
    }
}
