package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A message on {@code comparison.requests.v1}: a completed shadow pair to compare. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonRequest(
        String requestId,
        String workflowRunId,
        String orderLineId,
        String outputTypeId,
        String workflowDefId,
        String artifactKind,
        Artifact authoritative,
        Artifact observer,
        Instant requestedAt) {
}
