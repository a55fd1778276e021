package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns legacy preset configs ({@code {"type", "params", "ui"}}) into canonical DAGs and back. Canonical input is
 * returned unchanged (as a copy), so canonicalizing is idempotent and saved configs round-trip exactly.
 */
public final class WorkflowCanonicalizer {

    private static final Set<String> LEGACY_MEMBERS = Set.of("type", "params", "ui");
    /** Bookkeeping keys under ui.legacy that are not legacy top-level members. */
    private static final Set<String> RESERVED = Set.of("params", "params_value", "params_absent", "ui", "ui_absent",
            "ui_preset", "ui_legacy", "injected_params");

    private WorkflowCanonicalizer() {
    }

    public static boolean isCanonical(JsonNode config) {
        return config != null && config.isObject() && config.has("nodes");
    }

    public static boolean isLegacyPreset(JsonNode config) {
        return config != null && config.isObject() && !config.has("nodes") && isKnownPreset(config.get("type"));
    }

    static boolean isKnownPreset(JsonNode type) {
        return type != null && type.isTextual() && WorkflowConfigs.PRESETS.contains(type.textValue());
    }

    /**
     * The canonical form of {@code config}. Legacy preset params go to the nodes whose settings know them; every
     * other legacy value is kept under {@code ui.legacy}. Anything that is neither canonical nor a known legacy
     * preset is returned as a copy for the validator to report.
     */
    public static ObjectNode canonicalize(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("a workflow config must be a JSON object");
        }
        if (!isLegacyPreset(config)) {
            return ((ObjectNode) config).deepCopy();
        }
        String type = config.get("type").textValue();
        ObjectNode ui = JsonValues.F.objectNode();
        ui.put("preset", type);
        JsonNode legacyUi = config.get("ui");
        if (legacyUi != null && legacyUi.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = legacyUi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("preset") || e.getKey().equals("legacy")) {
                    WorkflowConfigs.legacy(ui).set("ui_" + e.getKey(), e.getValue().deepCopy());
                } else {
                    ui.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        } else if (legacyUi != null) {
            WorkflowConfigs.legacy(ui).set("ui", legacyUi.deepCopy());
        } else {
            WorkflowConfigs.legacy(ui).put("ui_absent", true);
        }
        JsonNode params = config.get("params");
        ObjectNode legacyParams = JsonValues.F.objectNode();
        if (params != null && params.isObject()) {
            legacyParams = (ObjectNode) params.deepCopy();
        } else if (params != null) {
            WorkflowConfigs.legacy(ui).set("params_value", params.deepCopy());
        } else {
            WorkflowConfigs.legacy(ui).put("params_absent", true);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!LEGACY_MEMBERS.contains(e.getKey())) {
                WorkflowConfigs.legacy(ui).set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return WorkflowConfigs.presetGraph(type, legacyParams, ui);
    }

    /**
     * The legacy form of a canonical preset graph: the inverse of {@link #canonicalize} for configs it produced
     * (used to prove nothing is lost). Returns a copy of the input when it is not a preset graph.
     */
    public static ObjectNode toLegacyPreset(JsonNode canonical) {
        JsonNode ui = canonical.path("ui");
        String type = ui.path("preset").asText(null);
        if (!isCanonical(canonical) || type == null || !WorkflowConfigs.PRESETS.contains(type)) {
            return ((ObjectNode) canonical).deepCopy();
        }
        ObjectNode legacy = JsonValues.F.objectNode();
        legacy.put("type", type);
        JsonNode stored = ui.path("legacy");
        Set<String> injected = new HashSet<>();
        stored.path("injected_params").forEach(p -> injected.add(p.asText()));
        ObjectNode params = JsonValues.F.objectNode();
        for (JsonNode node : canonical.get("nodes")) {
            String id = node.path("id").asText();
            if (id.equals("render") || id.equals("blend")) {
                node.path("params").fields().forEachRemaining(e -> {
                    if (!injected.contains(e.getKey())) {
                        params.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
            }
        }
        stored.path("params").fields().forEachRemaining(e -> params.set(e.getKey(), e.getValue().deepCopy()));
        if (stored.has("params_value")) {
            legacy.set("params", stored.get("params_value").deepCopy());
        } else if (!stored.path("params_absent").asBoolean(false) || !params.isEmpty()) {
            legacy.set("params", params);
        }
        if (stored.has("ui")) {
            legacy.set("ui", stored.get("ui").deepCopy());
        } else if (!stored.path("ui_absent").asBoolean(false)) {
            ObjectNode legacyUi = JsonValues.F.objectNode();
            ui.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("preset") && !e.getKey().equals("legacy")) {
                    legacyUi.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            if (stored.has("ui_preset")) {
                legacyUi.set("preset", stored.get("ui_preset").deepCopy());
            }
            if (stored.has("ui_legacy")) {
                legacyUi.set("legacy", stored.get("ui_legacy").deepCopy());
            }
            legacy.set("ui", legacyUi);
        }
        stored.fields().forEachRemaining(e -> {
            if (!RESERVED.contains(e.getKey())) {
                legacy.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return legacy;
    }
}
