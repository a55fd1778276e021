package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A file a job produced, relative to the artifact storage root. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Artifact(
        String role,
        String path,
        String mediaType,
        String sha256,
        long sizeBytes,
        Integer width,
        Integer height,
        Integer frameCount) {
}
