package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a smoke renders: the canonical non-legacy workflow of each kind, taken from the registry's blueprint of that
 * name, and the artifact kind its output type declares.
 */
public enum SmokeKind {
    STILL("still", "still_image"),
    TURNTABLE("turntable", "turntable_video"),
    /** A still with a {@code .blend} production file exported beside it, both published by {@code output_save}. */
    BLEND("still_with_exports", "blend_asset");

    private final String blueprint;
    private final String artifactKind;

    SmokeKind(String blueprint, String artifactKind) {
        this.blueprint = blueprint;
        this.artifactKind = artifactKind;
    }

    /** The name on the command line: {@code still}, {@code turntable}, {@code blend}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String blueprint() {
        return blueprint;
    }

    public String artifactKind() {
        return artifactKind;
    }

    /** The stable name of this kind's output type; a later smoke finds it by this name. */
    public String outputTypeName() {
        return "HartOMat smoke " + label();
    }

    /** The stable name of this kind's workflow definition. */
    public String workflowName() {
        return "HartOMat smoke " + label() + " workflow";
    }

    /**
     * The blueprint as the registry serves it, configured for the graph runtime (the rollout setting then bounds it to
     * legacy or shadow). For {@link #BLEND}, {@code output_save} also waits for the export, so that it publishes the
     * {@code .blend}: a graph whose export is not upstream of {@code output_save} publishes only the still.
     */
    public ObjectNode workflowConfig(JsonNode blueprintConfig) {
        ObjectNode config = blueprintConfig.deepCopy();
        ((ObjectNode) config.path("ui")).put("execution_mode", "graph");
        if (this == BLEND) {
            ArrayNode edges = (ArrayNode) config.path("edges");
            boolean present = false;
            for (JsonNode edge : edges) {
                present |= "blend".equals(edge.path("from").asText()) && "output".equals(edge.path("to").asText());
            }
            if (!present) {
                edges.addObject().put("from", "blend").put("to", "output");
            }
        }
        return config;
    }

    /**
     * The output type's render settings: legacy renders with them, and they override the graph's render params, so both
     * sides of a shadow comparison render the same image (a fixed seed keeps Cycles' noise equal).
     */
    public Map<String, Object> renderSettings(RenderSize size) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("width", size.width());
        settings.put("height", size.height());
        settings.put("samples", size.samples());
        settings.put("seed", 1);
        switch (this) {
            case TURNTABLE -> {
                settings.put("fps", 4);
                settings.put("duration_s", 1.0);
                settings.put("frame_count", 4);
            }
            case BLEND -> settings.put("compress", false);
            default -> {
            }
        }
        return settings;
    }

    public static SmokeKind parse(String text) {
        for (SmokeKind kind : values()) {
            if (kind.label().equals(text)) {
                return kind;
            }
        }
        throw new SmokeUsageException("unknown smoke kind '" + text + "' (still, turntable, blend)");
    }
}
