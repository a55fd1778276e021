package com.hartomat.registry.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A legacy preset or blueprint as a ready-made canonical graph to create a workflow from. */
@Schema(name = "WorkflowStarter", description = "A starter graph: a legacy preset or a family-safe blueprint")
public record WorkflowStarter(
        String name,
        String label,
        String description,
        @Schema(enumeration = {"order_line", "cad_file"}) String family,
        @Schema(implementation = GraphConfig.class) JsonNode config) {
}
