package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/**
 * Builds Kubernetes objects as plain JSON trees. Core and custom kinds are written the same way (the custom ones have
 * no model classes on this classpath); what they must look like is checked by the module's tests, strictly, against
 * fabric8's model and the custom resources' JSON Schemas.
 */
public final class Nodes {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Nodes() {
    }

    /** An object from alternating keys and values; a null value leaves its key out. */
    public static ObjectNode obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        ObjectNode node = F.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                node.set((String) keysAndValues[i], of(value));
            }
        }
        return node;
    }

    public static ArrayNode arr(Object... values) {
        ArrayNode node = F.arrayNode();
        for (Object value : values) {
            node.add(of(value));
        }
        return node;
    }

    public static JsonNode of(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof String s) {
            return F.textNode(s);
        } else if (value instanceof Integer i) {
            return F.numberNode(i);
        } else if (value instanceof Long l) {
            return F.numberNode(l);
        } else if (value instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode node = F.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), of(v)));
            return node;
        } else if (value instanceof Collection<?> list) {
            ArrayNode node = F.arrayNode();
            list.forEach(v -> node.add(of(v)));
            return node;
        }
        throw new IllegalArgumentException("not a JSON value: " + value);
    }

    /** {@code apiVersion}, {@code kind} and {@code metadata} (name, the suite's labels) of a new object. */
    public static ObjectNode object(String apiVersion, String kind, String name, Map<String, String> labels) {
        return obj("apiVersion", apiVersion, "kind", kind, "metadata", obj("name", name, "labels", labels));
    }
}
