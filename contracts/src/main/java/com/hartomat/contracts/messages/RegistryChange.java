package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/** A message on {@code registry.changes.v1}: the full new state of a registry entity, or its deletion. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegistryChange(
        String eventId,
        String entityType,
        String entityId,
        String change,
        long entityVersion,
        Instant occurredAt,
        Map<String, Object> state) {

    public static final String WORKFLOW_DEFINITION = "workflow_definition";
    public static final String OUTPUT_TYPE = "output_type";
    public static final String RENDER_TEMPLATE = "render_template";
    public static final String MATERIAL = "material";
    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
}
