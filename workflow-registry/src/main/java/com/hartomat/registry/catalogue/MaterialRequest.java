package com.hartomat.registry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of create and update, for the OpenAPI document only: the service reads bodies with its own
 * {@code RequestReader} so that every problem is reported at once with the registry's codes and paths, which binding
 * this record would turn into one generic deserialization error. On update every member is optional, and the read-only
 * members of the GET body are accepted when they equal the stored values.
 */
@Schema(name = "MaterialRequest", description = "Create (name required) or update (partial) a material")
public record MaterialRequest(
        @Schema(maxLength = 200, description = "required on create; unique") String name,
        @Schema(maxItems = 100, description = "distinct non-blank names of at most 200 characters") List<String> aliases,
        @Schema(implementation = MaterialDefinitionBody.class) JsonNode definition) {
}
