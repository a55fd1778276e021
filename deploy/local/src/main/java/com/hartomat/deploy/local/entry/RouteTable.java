package com.hartomat.deploy.local.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public route table, {@code deploy/routes/routes.json}: which service answers which path. Routes are listed most
 * specific first, and the table's own meaning is "the first route that matches": {@link #route(String)}. Every path in
 * its {@code examples} names the service that must answer it.
 */
public record RouteTable(List<String> services, List<Route> routes, Map<String, String> examples) {

    /** How a route's path matches a request path. */
    public enum Match {
        /** the path itself, nothing else */
        EXACT,
        /** the path and everything below it, element-wise ({@code /api/orders} matches {@code /api/orders/1}, not {@code /api/ordersX}) */
        PREFIX,
        /** a regular expression over the request path */
        REGEX
    }

    /** One route; {@code streaming} marks Server-Sent Events, {@code upload} the routes that take file uploads. */
    public record Route(String name, Match match, String path, String service, boolean streaming, boolean upload) {

        public boolean matches(String requestPath) {
            return switch (match) {
                case EXACT -> requestPath.equals(path);
                case PREFIX -> requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
                case REGEX -> Pattern.compile(path).matcher(requestPath).find();
            };
        }
    }

    public RouteTable {
        services = List.copyOf(services);
        routes = List.copyOf(routes);
        examples = Map.copyOf(examples);
        for (Route route : routes) {
            if (!services.contains(route.service())) {
                throw new IllegalArgumentException("route " + route.name() + " names unknown service " + route.service());
            }
        }
    }

    /** The route that answers {@code requestPath} by the table's own rule: the first that matches. */
    public Optional<Route> route(String requestPath) {
        return routes.stream().filter(r -> r.matches(requestPath)).findFirst();
    }

    public static RouteTable read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route table " + file, e);
        }
    }

    static RouteTable parse(JsonNode json) {
        List<String> services = new ArrayList<>();
        json.path("services").fieldNames().forEachRemaining(services::add);
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : json.path("routes")) {
            routes.add(new Route(text(r, "name"), Match.valueOf(text(r, "match").toUpperCase(java.util.Locale.ROOT)),
                    text(r, "path"), text(r, "service"), r.path("streaming").asBoolean(false),
                    r.path("upload").asBoolean(false)));
        }
        Map<String, String> examples = new LinkedHashMap<>();
        json.path("examples").fields().forEachRemaining(e -> examples.put(e.getKey(), e.getValue().asText()));
        return new RouteTable(services, routes, examples);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("a route lacks its '" + field + "': " + node);
        }
        return value.asText();
    }
}
