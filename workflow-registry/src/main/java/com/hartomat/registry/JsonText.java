package com.hartomat.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** JSON documents stored as text columns, and the snake_case object nodes the API returns. */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The REST bodies' naming (quarkus.jackson.property-naming-strategy=SNAKE_CASE), for turning a typed body into the
     * change event's state and a workflow-model JSON tree into its typed body. Nulls are written, as the API does.
     */
    private static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonText() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }

    /** A typed body as the JSON tree the API serializes it to (same member names, nulls kept). */
    public static ObjectNode tree(Object body) {
        return SNAKE.valueToTree(body);
    }

    /**
     * A JSON tree read into its typed body; an unknown member fails, so a record that misses a member of the tree it
     * types is found by the first test that reads one.
     */
    public static <T> T typed(JsonNode tree, Class<T> type) {
        try {
            return SNAKE.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from " + tree, e);
        }
    }

    public static Map<String, Object> toMap(ObjectNode node) {
        return MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    public static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
