package com.hartomat.registry.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The validate endpoint's answer. Read from workflow-model's {@code ValidationResult.toJson()} (the one place that
 * shapes it, shared with dispatch's preflight), so the member set cannot drift: a member this record lacks fails the read.
 */
@Schema(name = "WorkflowValidation", description = "Every error of an unsaved config and what the registry derives from it")
public record ValidationReport(
        boolean valid,
        List<Issue> errors,
        @Schema(nullable = true, enumeration = {"order_line", "cad_file"}) String family,
        @Schema(nullable = true, enumeration = {"order_line_id", "cad_file_id"}) String contextKind,
        List<String> terminalArtifactKinds,
        @Schema(description = "node ids, upstream first") List<String> topologicalOrder,
        @Schema(nullable = true, enumeration = {"legacy", "graph", "shadow"}) String executionMode,
        @Schema(nullable = true, description = "ui.preset (custom or a legacy preset)") String preset,
        @Schema(implementation = GraphConfig.class, description = "the config validated: canonicalized when a legacy preset "
                + "was given; otherwise as sent") JsonNode config) {

    /** One validation error: stable code, human message, JSON pointer into the config. */
    @Schema(name = "WorkflowValidationIssue")
    public record Issue(
            @Schema(description = "e.g. missing_input, cycle, invalid_params (docs/registry.md#validation-codes)") String code,
            String message,
            @Schema(description = "JSON pointer into the config, e.g. /nodes/2/params/width") String path) {
    }
}
