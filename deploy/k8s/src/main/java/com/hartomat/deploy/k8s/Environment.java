package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * What differs between the environments a manifest set is rendered for ({@code k8s/environments/<name>.json}):
 * replicas, worker scaling bounds, Kafka and PostgreSQL sizes, the gateway's class and listener, route timeouts, the
 * identity provider.
 */
public record Environment(String name, JsonNode json) {

    public static final List<String> ALL = List.of("dev", "prod");

    public static Environment load(String name) {
        String resource = "k8s/environments/" + name + ".json";
        try (InputStream in = Environment.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no environment " + name + " (" + resource + ")");
            }
            return new Environment(name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String namespace() {
        return required("namespace").asText();
    }

    public int replicas(String service) {
        return required("replicas").path(service).asInt(1);
    }

    public JsonNode renderWorker() {
        return required("render_worker");
    }

    public JsonNode kafka() {
        return required("kafka");
    }

    public JsonNode postgres() {
        return required("postgres");
    }

    public JsonNode artifacts() {
        return required("artifacts");
    }

    public JsonNode gateway() {
        return required("gateway");
    }

    /** The identity provider every service verifies bearer tokens against (docs/security.md). */
    public JsonNode auth() {
        return required("auth");
    }

    public JsonNode timeouts() {
        return required("timeouts");
    }

    public static Duration duration(JsonNode node) {
        return Duration.parse(node.asText());
    }

    private JsonNode required(String field) {
        JsonNode node = json.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException("environment " + name + " lacks '" + field + "'");
        }
        return node;
    }
}
