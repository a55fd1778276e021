package com.hartomat.registry.outputtypes;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of create and update, for the OpenAPI document only: the service reads bodies with its own
 * {@code RequestReader} so that every problem is reported at once with the registry's codes ({@code unknown_field},
 * {@code invalid_type}, {@code missing_field}, {@code invalid_value} at the member's path), which binding this record
 * would turn into one generic deserialization error. On update every member is optional (absent keeps the value,
 * {@code null} clears the nullable ones), and the read-only members of the GET body ({@code id}, {@code version},
 * {@code created_at}, {@code updated_at}) are accepted when they equal the stored values.
 */
@Schema(name = "OutputTypeRequest", description = "Create (name required) or update (partial) an output type")
public record OutputTypeRequest(
        @Schema(maxLength = 200, description = "required on create; unique") String name,
        @Schema(enumeration = {"order_line", "cad_file"}, description = "default: the linked workflow's family, else order_line")
        String workflowFamily,
        @Schema(description = "default: the linked workflow's first terminal artifact kind, else still_image (cad_thumbnail "
                + "for cad_file)") String artifactKind,
        @Schema(nullable = true, format = "uuid", description = "null unlinks") String workflowDefinitionId,
        @Schema(type = SchemaType.OBJECT, description = "legacy render settings (params of the implied render step)")
        JsonNode renderSettings,
        @Schema(type = SchemaType.OBJECT, description = "per node id of the linked workflow: params overriding that node's")
        JsonNode invocationOverrides,
        @Schema(enumeration = {"auto", "blender"}, description = "default auto") String renderBackend,
        @Schema(nullable = true, maxLength = 200, description = "a material library name or alias; null clears")
        String defaultMaterial) {
}
