package com.hartomat.registry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A material of the library as GET answers it (and as the change event's state carries it). */
@Schema(name = "Material", description = "A material of the library")
public record MaterialView(
        @Schema(readOnly = true, format = "uuid") String id,
        @Schema(description = "unique") String name,
        @Schema(description = "other names parts may use for this material") List<String> aliases,
        @Schema(implementation = MaterialDefinitionBody.class) JsonNode definition,
        @Schema(readOnly = true, description = "1 on create, +1 per update") int version,
        @Schema(readOnly = true, format = "date-time") String createdAt,
        @Schema(readOnly = true, format = "date-time") String updatedAt) {

    /** What a PUT does not set: a GET body may carry them back when they equal the stored values. */
    public static final Set<String> READ_ONLY = Set.of("id", "version", "created_at", "updated_at");
}
