package com.hartomat.dispatch.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.dispatch.JsonValues;
import java.util.List;
import java.util.Map;

/** One registry entity as the read model holds it: the latest state received for it. */
public record RegistryEntity(String type, String id, long version, Map<String, Object> state) {

    public String text(String key) {
        return JsonValues.text(state, key);
    }

    public Map<String, Object> object(String key) {
        return JsonValues.map(state.get(key));
    }

    public boolean flag(String key, boolean fallback) {
        Object v = state.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    public List<Object> array(String key) {
        return JsonValues.list(state.get(key));
    }

    public JsonNode tree(String key) {
        return JsonValues.tree(state.get(key));
    }

    /** The REST collection of the registry that serves entities of this type. */
    public static String collection(String entityType) {
        return switch (entityType) {
            case "workflow_definition" -> "workflows";
            case "output_type" -> "output-types";
            case "render_template" -> "render-templates";
            case "material" -> "materials";
            default -> throw new IllegalArgumentException("unknown registry entity type " + entityType);
        };
    }
}
