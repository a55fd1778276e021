package com.hartomat.registry.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node contract as the editor and dispatch read it. Read from workflow-model's {@code NodeDefinition.toJson()} (the one
 * place that shapes it), so the member set cannot drift: a member this record lacks fails the read.
 */
@Schema(name = "NodeDefinition", description = "The contract of one workflow step")
public record NodeDefinitionView(
        @Schema(description = "the step name nodes use, e.g. blender_still") String step,
        String label,
        String description,
        @Schema(enumeration = {"order_line", "cad_file"}, description = "the step's primary family") String family,
        @Schema(description = "every family whose graphs may use the step") List<String> families,
        @Schema(description = "module the step belongs to, for the editor's palette") String moduleKey,
        @Schema(enumeration = {"sync", "async", "disabled"}, description = "execution role: sync runs inside dispatch, "
                + "async is a render job of job_type, disabled is editor-visible but not runnable") String executor,
        @Schema(nullable = true) String disabledReason,
        @Schema(nullable = true, description = "the render job type of an async step") String jobType,
        @Schema(nullable = true, description = "the original system's Celery task") String taskName,
        List<ContractKey> inputContract,
        List<ContractKey> outputContract,
        List<String> artifactRolesConsumed,
        List<String> artifactRolesProduced,
        @Schema(nullable = true) String artifactKind,
        @Schema(description = "whether the artifact can be published by output_save") boolean publishable,
        @Schema(nullable = true, description = "where the original system implemented the step") String legacySource,
        RetryPolicy retryPolicy,
        @Schema(type = SchemaType.OBJECT, description = "the draft-07 JSON Schema of the step's params, with defaults")
        JsonNode settingsSchema,
        @Schema(type = SchemaType.OBJECT, description = "the settings' defaults, derived from settings_schema")
        JsonNode defaults,
        @Schema(description = "editor groups; together they cover every setting") List<FieldGroup> fieldGroups) {

    /** One input or output key of a step's contract. */
    @Schema(name = "NodeContractKey")
    public record ContractKey(String name, @Schema(description = "value type, e.g. string, uuid, json") String type,
            @Schema(description = "false: optional input") boolean required) {
    }

    /** How often dispatch attempts the step's render job, and the back-off between attempts. */
    @Schema(name = "NodeRetryPolicy")
    public record RetryPolicy(int maxAttempts, @Schema(enumeration = {"fixed", "exponential"}) String backoff,
            double delayS, double maxDelayS) {
    }

    /** A group of settings the editor shows together. */
    @Schema(name = "NodeFieldGroup")
    public record FieldGroup(String key, String label, @Schema(description = "setting names") List<String> fields) {
    }
}
