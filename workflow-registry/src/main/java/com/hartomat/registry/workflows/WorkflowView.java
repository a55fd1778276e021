package com.hartomat.registry.workflows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version of a workflow definition as GET answers it (and as the change event's state carries it). */
@Schema(name = "Workflow", description = "A version of a workflow definition")
public record WorkflowView(
        @Schema(readOnly = true, format = "uuid") String id,
        String name,
        @Schema(readOnly = true, description = "this version's number (1, 2, …)") int version,
        @Schema(readOnly = true, description = "the workflow's newest version") int latestVersion,
        @JsonProperty("is_active") @Schema(name = "is_active") boolean isActive,
        @Schema(nullable = true, format = "uuid", description = "the output type this workflow is written for") String outputTypeId,
        @Schema(implementation = GraphConfig.class, description = "the canonical config, as it was saved") JsonNode config,
        @Schema(readOnly = true, enumeration = {"order_line", "cad_file"}) String family,
        @Schema(readOnly = true, enumeration = {"order_line_id", "cad_file_id"}, description = "what a run needs as context")
        String contextKind,
        @Schema(readOnly = true, description = "artifact kinds the graph delivers, in topological order") List<String> terminalArtifactKinds,
        @Schema(readOnly = true, enumeration = {"legacy", "graph", "shadow"}, description = "config.ui.execution_mode")
        String executionMode,
        @Schema(readOnly = true, format = "date-time") String createdAt,
        @Schema(readOnly = true, format = "date-time", description = "when this version was written") String updatedAt,
        @Schema(readOnly = true, nullable = true, description = "who wrote this version (token subject)") String updatedBy) {

    /** What a PUT does not set: a GET body may carry them back when they equal the stored values. */
    public static final Set<String> READ_ONLY = Set.of("id", "version", "latest_version", "created_at", "updated_at",
            "updated_by", "family", "context_kind", "terminal_artifact_kinds", "execution_mode");

    /** The read-only members derived from the config: a PUT that sends a config derives them anew from it. */
    public static final Set<String> DERIVED_FROM_CONFIG = Set.of("family", "context_kind", "terminal_artifact_kinds",
            "execution_mode");
}
