package com.hartomat.registry.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of create and update, for the OpenAPI document only: the service reads bodies with its own
 * {@code RequestReader} so that every problem is reported at once with the registry's codes and paths, which binding
 * this record would turn into one generic deserialization error. On update every member is optional, and the read-only
 * members of the GET body are accepted when they equal the stored values.
 */
@Schema(name = "RenderTemplateRequest", description = "Create (category_key required) or update (partial) a render template")
public record RenderTemplateRequest(
        @Schema(pattern = "[A-Za-z0-9_.-]{1,100}", description = "required on create; unique") String categoryKey,
        @Schema(maxLength = 200, description = "default: the category key") String name,
        @Schema(nullable = true, description = "a relative path to a .blend file; null clears") String templatePath,
        @Schema(description = "default true") Boolean useMaterials,
        @Schema(enumeration = {"auto_fit", "front", "three_quarter", "top", "template_camera"}, description = "default auto_fit")
        String cameraPreset,
        @Schema(enumeration = {"studio_soft", "studio_hard", "hdri_neutral", "template_lights"}, description = "default studio_soft")
        String lightingPreset) {
}
