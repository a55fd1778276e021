package com.hartomat.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between jsonb column values (Vert.x JSON), plain maps and Jackson trees. */
public final class JsonValues {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /** Vert.x JSON (as read from a jsonb column) to plain maps, lists and scalars. */
    public static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        Object plain = plain(value);
        return plain instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        Object plain = plain(value);
        return plain instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
    }

    /** A plain value to a jsonb parameter. */
    public static Object jsonb(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            value = MAPPER.convertValue(node, Object.class);
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonObject(deepMap(map));
        }
        if (value instanceof List<?> list) {
            return new JsonArray(deepList(list));
        }
        return value;
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(plain(value));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(JsonNode node) {
        return node == null || node.isNull() ? new LinkedHashMap<>() : MAPPER.convertValue(node, LinkedHashMap.class);
    }

    private static Map<String, Object> deepMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), deep(v)));
        return out;
    }

    private static List<Object> deepList(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(v -> out.add(deep(v)));
        return out;
    }

    private static Object deep(Object v) {
        if (v instanceof Map<?, ?> m) {
            return new JsonObject(deepMap(m));
        }
        if (v instanceof List<?> l) {
            return new JsonArray(deepList(l));
        }
        if (v instanceof JsonNode n) {
            return deep(MAPPER.convertValue(n, Object.class));
        }
        return v;
    }

    public static String text(Map<String, Object> map, String key) {
        Object v = map == null ? null : map.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
