package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

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
        List<Artifact> authoritativeFrames,
        List<Artifact> observerFrames,
        SideFailure authoritativeFailure,
        SideFailure observerFailure,
        Instant requestedAt) {

    /** Why one side of the pair has no output. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SideFailure(String code, String message) {
    }

    public ComparisonRequest {
        authoritativeFrames = authoritativeFrames == null ? List.of() : List.copyOf(authoritativeFrames);
        observerFrames = observerFrames == null ? List.of() : List.copyOf(observerFrames);
    }
}
