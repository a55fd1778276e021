package com.hartomat.registry.workflows;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The validate endpoint's body, for the OpenAPI document only: the config itself, or wrapped as {@code {"config": …}}.
 * Read as a JSON tree because the validator reports every problem of any JSON (also a non-object) as a 200 report.
 */
@Schema(name = "WorkflowValidateRequest", description = "A config to validate, or {\"config\": config}",
        oneOf = {GraphConfig.class, GraphConfig.LegacyPreset.class, ValidateRequest.Wrapped.class})
public interface ValidateRequest {

    /** The config wrapped in an object. */
    @Schema(name = "WorkflowValidateWrapped")
    record Wrapped(@Schema(required = true, implementation = GraphConfig.Input.class) Object config) {
    }
}
