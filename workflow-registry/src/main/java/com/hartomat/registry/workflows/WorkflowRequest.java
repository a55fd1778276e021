package com.hartomat.registry.workflows;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of create and update, for the OpenAPI document only: the service reads bodies with its own
 * {@code RequestReader} and hands the config to workflow-model's canonicalizer and validator, so that every problem is
 * reported at once with the registry's codes and paths ({@code /config/nodes/2/step}, …), which binding this record would
 * turn into one generic deserialization error. On update every member is optional (absent keeps the previous version's
 * value), and the read-only members of the GET body are accepted when they equal the stored values.
 */
@Schema(name = "WorkflowRequest", description = "Create (name and config required) or update (a new version) a workflow")
public record WorkflowRequest(
        @Schema(maxLength = 200, description = "required on create") String name,
        @Schema(implementation = GraphConfig.Input.class, description = "required on create; a canonical graph or a legacy "
                + "preset; canonicalized and validated (422 invalid_workflow_config with every error)") Object config,
        @JsonProperty("is_active") @Schema(name = "is_active", description = "default true") Boolean isActive,
        @Schema(nullable = true, format = "uuid", description = "must accept what the graph produces; null unlinks")
        String outputTypeId) {
}
