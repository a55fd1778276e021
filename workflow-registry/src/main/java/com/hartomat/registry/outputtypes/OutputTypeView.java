package com.hartomat.registry.outputtypes;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An output type as GET answers it (and as the change event's state carries it). */
@Schema(name = "OutputType", description = "An output type: the invocation profile order lines are rendered with")
public record OutputTypeView(
        @Schema(readOnly = true, format = "uuid") String id,
        String name,
        @Schema(enumeration = {"order_line", "cad_file"}) String workflowFamily,
        @Schema(description = "the artifact kind the output type delivers, e.g. still_image, turntable_video") String artifactKind,
        @Schema(nullable = true, format = "uuid", description = "the linked workflow definition, null for legacy rendering")
        String workflowDefinitionId,
        @Schema(type = SchemaType.OBJECT, description = "legacy render settings: params of the render step the artifact kind "
                + "implies (blender_still, blender_turntable, …), checked against that step's settings schema")
        JsonNode renderSettings,
        @Schema(type = SchemaType.OBJECT, description = "per node id of the linked workflow, params merged over that node's "
                + "params at dispatch; each checked against the node's settings schema")
        JsonNode invocationOverrides,
        @Schema(enumeration = {"auto", "blender"}) String renderBackend,
        @Schema(nullable = true, description = "material library name (or alias) for unassigned parts, null for the neutral default")
        String defaultMaterial,
        @Schema(readOnly = true, description = "1 on create, +1 per update") int version,
        @Schema(readOnly = true, format = "date-time") String createdAt,
        @Schema(readOnly = true, format = "date-time") String updatedAt) {

    /** What a PUT does not set: a GET body may carry them back when they equal the stored values. */
    public static final java.util.Set<String> READ_ONLY = java.util.Set.of("id", "version", "created_at", "updated_at");
}
