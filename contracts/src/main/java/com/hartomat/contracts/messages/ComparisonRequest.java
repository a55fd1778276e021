package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A message on {@code comparison.requests.v1}: a completed pair to compare. Of a shadow dispatch (kind {@code shadow}, or
 * none): the authoritative legacy job and the observer run. Of a calibration (kind {@code calibration}): render 0 and
 * render {@code calibration.index} of the same order line, both legacy, for the output type's noise floor.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonRequest(
        String requestId,
        String kind,
        Calibration calibration,
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
        Instant requestedAt,
        Integer attempt) {

    /** Why one side of the pair has no output. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SideFailure(String code, String message) {
    }

    public static final String KIND_SHADOW = "shadow";
    public static final String KIND_CALIBRATION = "calibration";

    /** Which calibration a pair belongs to: render 0 against render {@code index}, of {@code runs} renders. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Calibration(String calibrationId, int index, int runs) {
    }

    /** Without an attempt number: the run's first comparison. */
    public ComparisonRequest(String requestId, String kind, Calibration calibration, String workflowRunId,
            String orderLineId, String outputTypeId, String workflowDefId, String artifactKind, Artifact authoritative,
            Artifact observer, List<Artifact> authoritativeFrames, List<Artifact> observerFrames,
            SideFailure authoritativeFailure, SideFailure observerFailure, Instant requestedAt) {
        this(requestId, kind, calibration, workflowRunId, orderLineId, outputTypeId, workflowDefId, artifactKind,
                authoritative, observer, authoritativeFrames, observerFrames, authoritativeFailure, observerFailure,
                requestedAt, null);
    }

    /** A shadow pair (no kind: shadow), its run's first comparison. */
    public ComparisonRequest(String requestId, String workflowRunId, String orderLineId, String outputTypeId,
            String workflowDefId, String artifactKind, Artifact authoritative, Artifact observer,
            List<Artifact> authoritativeFrames, List<Artifact> observerFrames, SideFailure authoritativeFailure,
            SideFailure observerFailure, Instant requestedAt) {
        this(requestId, null, null, workflowRunId, orderLineId, outputTypeId, workflowDefId, artifactKind, authoritative,
                observer, authoritativeFrames, observerFrames, authoritativeFailure, observerFailure, requestedAt, null);
    }

    /** A shadow pair of a given attempt: 1 for the run's first comparison, n + 1 after a retry or resume. */
    public static ComparisonRequest shadow(String requestId, String workflowRunId, int attempt, String orderLineId,
            String outputTypeId, String workflowDefId, String artifactKind, Artifact authoritative, Artifact observer,
            List<Artifact> authoritativeFrames, List<Artifact> observerFrames, SideFailure authoritativeFailure,
            SideFailure observerFailure, Instant requestedAt) {
        return new ComparisonRequest(requestId, null, null, workflowRunId, orderLineId, outputTypeId, workflowDefId,
                artifactKind, authoritative, observer, authoritativeFrames, observerFrames, authoritativeFailure,
                observerFailure, requestedAt, attempt);
    }

    /** Which comparison of its run this is: the attempt, 1 when the message has none (sent before attempts existed). */
    public int attemptOrFirst() {
        return attempt == null ? 1 : attempt;
    }

    /** Whether this pair is part of a calibration rather than a shadow dispatch. */
    public boolean calibrates() {
        return KIND_CALIBRATION.equals(kind);
    }

    public ComparisonRequest {
        authoritativeFrames = authoritativeFrames == null ? List.of() : List.copyOf(authoritativeFrames);
        observerFrames = observerFrames == null ? List.of() : List.copyOf(observerFrames);
    }
}
