package com.hartomat.registry.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of a material definition, for the OpenAPI document only: {@link MaterialDefinition}'s settings schema is
 * the source of truth (it checks and fills defaults), and the stored definition is served as the JSON it was saved as,
 * so members keep their stored order and presence.
 */
@Schema(name = "MaterialDefinition", description = "Principled BSDF inputs, or a material from a .blend library; "
        + "absent members take their defaults; no other member is allowed")
public record MaterialDefinitionBody(
        @Schema(pattern = "^#[0-9a-fA-F]{6}$", defaultValue = "#b0b0b0") String baseColor,
        @Schema(minimum = "0", maximum = "1", defaultValue = "0.0") Double metallic,
        @Schema(minimum = "0", maximum = "1", defaultValue = "0.5") Double roughness,
        @Schema(minimum = "0", maximum = "1", defaultValue = "0.0") Double transmission,
        @Schema(minimum = "1", maximum = "3", defaultValue = "1.45") Double ior,
        @Schema(nullable = true, maxLength = 200, description = "material name in the library .blend") String blenderMaterial,
        @Schema(nullable = true, pattern = "^.{1,500}\\.blend$", description = "material library .blend") String libraryPath) {
}
