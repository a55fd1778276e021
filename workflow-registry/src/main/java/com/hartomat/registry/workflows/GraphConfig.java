package com.hartomat.registry.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The canonical workflow config's shape, for the OpenAPI document only. The registry keeps configs as the JSON trees
 * workflow-model canonicalizes and validates (the one source of truth for their rules), and serves a saved config back
 * exactly as it was canonicalized, extra editor members and their order included; binding it to records would drop or
 * reorder what the editor stored. Bodies that carry a config declare it with {@code @Schema(implementation = ...)}.
 */
@Schema(name = "WorkflowConfig", description = "A canonical workflow graph: version 1, editor data under ui, nodes and edges. "
        + "Other top-level members are refused (unknown_field)")
public record GraphConfig(
        @Schema(required = true, enumeration = "1") int version,
        GraphUi ui,
        @Schema(required = true, description = "at least one node; ids unique") List<GraphNode> nodes,
        @Schema(required = true) List<GraphEdge> edges) {

    /** Editor data; {@code execution_mode} is the one member the registry and dispatch read. */
    @Schema(name = "WorkflowConfigUi", description = "Editor data; members other than these are kept as they are",
            additionalProperties = Schema.True.class)
    public record GraphUi(
            @Schema(description = "custom, or the legacy preset the graph came from (still, turntable, multi_angle, "
                    + "still_with_exports)") String preset,
            @Schema(enumeration = {"legacy", "graph", "shadow"}, defaultValue = "legacy") String executionMode,
            @Schema(description = "true allows cad_file and order_line steps in one graph") Boolean migration,
            @Schema(description = "the starter graph it was created from") String blueprint,
            @Schema(type = SchemaType.OBJECT, description = "what a legacy preset carried that the graph does not use "
                    + "(unknown params, top-level keys, its ui preset, injected params), kept for the exact inverse")
            JsonNode legacy) {
    }

    /** One step of the graph. */
    @Schema(name = "WorkflowNode", description = "A node; extra editor members (position, …) are kept",
            additionalProperties = Schema.True.class)
    public record GraphNode(
            @Schema(required = true, maxLength = 200, description = "unique in the graph") String id,
            @Schema(required = true, description = "a step of GET /api/workflows/node-definitions") String step,
            @Schema(type = SchemaType.OBJECT, description = "the step's settings, checked against its settings_schema; "
                    + "absent settings take the schema's defaults") JsonNode params,
            @Schema(description = "canvas position of the node (editor data)") NodePosition position) {
    }

    /** Canvas coordinates. */
    @Schema(name = "WorkflowNodePosition")
    public record NodePosition(double x, double y) {
    }

    /** A dependency: {@code to} runs after {@code from}. */
    @Schema(name = "WorkflowEdge", description = "from runs before to; extra editor members are kept",
            additionalProperties = Schema.True.class)
    public record GraphEdge(
            @Schema(required = true, description = "id of the upstream node") String from,
            @Schema(required = true, description = "id of the downstream node") String to) {
    }

    /** A legacy preset config, canonicalized to a graph on save and on validation. */
    @Schema(name = "LegacyPresetConfig", description = "A legacy preset, canonicalized to its graph "
            + "(setup → template → render → output)")
    public record LegacyPreset(
            @Schema(required = true, enumeration = {"still", "turntable", "multi_angle", "still_with_exports"}) String type,
            @Schema(type = SchemaType.OBJECT, description = "render (and blend) settings; unknown ones are kept under "
                    + "ui.legacy.params") JsonNode params,
            @Schema(type = SchemaType.OBJECT, description = "editor data") JsonNode ui) {
    }

    /** A config as a request may give it: canonical graph or legacy preset. */
    @Schema(name = "WorkflowConfigInput", oneOf = {GraphConfig.class, LegacyPreset.class})
    public interface Input {
    }
}
