package com.hartomat.registry.catalogue;

import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A render template as GET answers it (and as the change event's state carries it). */
@Schema(name = "RenderTemplate", description = "The render template of a product category")
public record RenderTemplateView(
        @Schema(readOnly = true, format = "uuid") String id,
        @Schema(pattern = "[A-Za-z0-9_.-]{1,100}", description = "product category; unique") String categoryKey,
        String name,
        @Schema(nullable = true, description = "relative path of the .blend template inside artifact storage") String templatePath,
        boolean useMaterials,
        @Schema(enumeration = {"auto_fit", "front", "three_quarter", "top", "template_camera"}) String cameraPreset,
        @Schema(enumeration = {"studio_soft", "studio_hard", "hdri_neutral", "template_lights"}) String lightingPreset,
        @Schema(readOnly = true, description = "1 on create, +1 per update") int version,
        @Schema(readOnly = true, format = "date-time") String createdAt,
        @Schema(readOnly = true, format = "date-time") String updatedAt) {

    /** What a PUT does not set: a GET body may carry them back when they equal the stored values. */
    public static final Set<String> READ_ONLY = Set.of("id", "version", "created_at", "updated_at");
}
