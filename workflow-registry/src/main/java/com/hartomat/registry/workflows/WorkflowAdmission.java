package com.hartomat.registry.workflows;

import com.hartomat.api.errors.FieldError;
import com.hartomat.registry.errors.FieldErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.api.errors.ApiException;
import com.hartomat.workflow.model.ErrorCode;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.ValidationResult;
import com.hartomat.workflow.model.WorkflowCanonicalizer;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.List;
import java.util.Set;

/** Decides whether a workflow config may be saved: canonicalize, validate, refuse with every error. */
public final class WorkflowAdmission {

    private static final Set<String> SIZE_CODES = Set.of(ErrorCode.TOO_MANY_NODES.code(), ErrorCode.TOO_MANY_EDGES.code());

    private final WorkflowValidator validator;

    public WorkflowAdmission(WorkflowValidator validator) {
        this.validator = validator;
    }

    /** A saveable config: canonical, valid, analysed. */
    public record Admitted(ObjectNode config, GraphAnalysis analysis) {
    }

    /** A validation report for an unsaved config (the validate endpoint). */
    public record Report(JsonNode config, ValidationResult result) {
    }

    public Report check(JsonNode config) {
        return check(config, "");
    }

    /** As {@link #check(JsonNode)}, with error paths under {@code pathPrefix} (where the config sits in the body). */
    public Report check(JsonNode config, String pathPrefix) {
        JsonNode canonical = config != null && config.isObject() && !config.has("nodes")
                && WorkflowCanonicalizer.isLegacyPreset(config) ? WorkflowCanonicalizer.canonicalize(config) : config;
        ValidationResult result = validator.validate(canonical);
        refuseOversized(result.errors(), pathPrefix);
        return new Report(canonical, result);
    }

    public Admitted admit(JsonNode config, String path) {
        if (config == null || !config.isObject()) {
            throw ApiException.badRequest("invalid_type", "config must be a JSON object", path);
        }
        Report report = check(config, path);
        if (!report.result().valid()) {
            List<ValidationError> errors = report.result().errors().stream()
                    .map(e -> new ValidationError(e.code(), e.message(), path + e.path())).toList();
            throw ApiException.unprocessable("invalid_workflow_config", "Invalid workflow config: " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : ""), FieldErrors.of(errors));
        }
        return new Admitted((ObjectNode) report.config(), report.result().analysis());
    }

    /** Graphs over the size limits are refused outright: 413 with the limit's own code. */
    private static void refuseOversized(List<ValidationError> errors, String pathPrefix) {
        for (ValidationError e : errors) {
            if (SIZE_CODES.contains(e.code())) {
                throw new ApiException(413, e.code(), e.message(), pathPrefix + e.path(),
                        List.of(new FieldError(e.code(), e.message(), pathPrefix + e.path())));
            }
        }
    }
}
