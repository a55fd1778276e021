package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** deploy/routes/routes.json: the public route table, most specific route first. */
public record RouteTable(Map<String, Integer> servicePorts, List<Route> routes, Map<String, String> examples) {

    public enum Match { EXACT, PREFIX, REGEX }

    public record Route(String name, Match match, String path, String service, boolean streaming, boolean upload) {
    }

    public static RouteTable read(Path repositoryRoot) {
        Path file = repositoryRoot.resolve("deploy/routes/routes.json");
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, Integer> ports = new LinkedHashMap<>();
            json.path("services").fields().forEachRemaining(e -> ports.put(e.getKey(), e.getValue().path("cluster_port").asInt(80)));
            List<Route> routes = new ArrayList<>();
            for (JsonNode route : json.path("routes")) {
                routes.add(new Route(route.path("name").asText(), Match.valueOf(route.path("match").asText().toUpperCase()),
                        route.path("path").asText(), route.path("service").asText(),
                        route.path("streaming").asBoolean(false), route.path("upload").asBoolean(false)));
            }
            Map<String, String> examples = new LinkedHashMap<>();
            json.path("examples").fields().forEachRemaining(e -> examples.put(e.getKey(), e.getValue().asText()));
            return new RouteTable(ports, routes, examples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
