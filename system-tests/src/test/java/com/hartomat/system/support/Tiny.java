package com.hartomat.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Render settings small enough for a shared 2-core machine (64×64 pixels, 4 samples, 4-frame turntables), and the
 * registry's blueprints made tiny and switched to an execution mode.
 */
public final class Tiny {

    private Tiny() {
    }

    public static Map<String, Object> still() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("width", 64);
        params.put("height", 64);
        params.put("samples", 4);
        params.put("seed", 1);
        return params;
    }

    /** thumbnail_save knows no seed. */
    public static Map<String, Object> thumbnail() {
        Map<String, Object> params = still();
        params.remove("seed");
        return params;
    }

    /** Four frames at 4 fps: even size for H.264, {@code frame_count} and {@code duration_s} agreeing. */
    public static Map<String, Object> turntable() {
        Map<String, Object> params = still();
        params.put("fps", 4);
        params.put("duration_s", 1.0);
        params.put("frame_count", 4);
        return params;
    }

    /** A blueprint as the registry serves it, with the execution mode set and every render node's params made tiny. */
    public static ObjectNode graph(JsonNode blueprint, String executionMode) {
        ObjectNode config = blueprint.deepCopy();
        ((ObjectNode) config.path("ui")).put("execution_mode", executionMode);
        for (JsonNode node : config.path("nodes")) {
            Map<String, Object> tiny = switch (node.path("step").asText()) {
                case "blender_still", "blender_render" -> still();
                case "thumbnail_save" -> thumbnail();
                case "blender_turntable" -> turntable();
                default -> null;
            };
            if (tiny != null) {
                ObjectNode params = ((ObjectNode) node).putObject("params");
                tiny.forEach((k, v) -> params.set(k, Api.JSON.valueToTree(v)));
            }
        }
        return config;
    }

    /** The node of a config with this id. */
    public static ObjectNode node(JsonNode config, String id) {
        for (JsonNode node : config.path("nodes")) {
            if (id.equals(node.path("id").asText())) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no node '" + id + "' in " + config);
    }

    public static void addEdge(ObjectNode config, String from, String to) {
        ((ArrayNode) config.path("edges")).addObject().put("from", from).put("to", to);
    }
}
