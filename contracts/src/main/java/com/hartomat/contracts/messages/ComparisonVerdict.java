package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** A message on {@code comparison.verdicts.v1}: the rollout verdict of one shadow comparison. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonVerdict(
        String comparisonId,
        String workflowRunId,
        String orderLineId,
        String outputTypeId,
        String workflowDefId,
        Verdict verdict,
        String status,
        String comparisonStatus,
        boolean ready,
        boolean workflowRolloutReady,
        boolean outputTypeRolloutReady,
        ComparisonMetrics metrics,
        List<String> reasons,
        String summary,
        Instant decidedAt,
        Integer attempt) {

    public ComparisonVerdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Without an attempt number: the verdict of the run's first comparison. */
    public ComparisonVerdict(String comparisonId, String workflowRunId, String orderLineId, String outputTypeId,
            String workflowDefId, Verdict verdict, String status, String comparisonStatus, boolean ready,
            boolean workflowRolloutReady, boolean outputTypeRolloutReady, ComparisonMetrics metrics,
            List<String> reasons, String summary, Instant decidedAt) {
        this(comparisonId, workflowRunId, orderLineId, outputTypeId, workflowDefId, verdict, status, comparisonStatus,
                ready, workflowRolloutReady, outputTypeRolloutReady, metrics, reasons, summary, decidedAt, null);
    }

    /** Which comparison of its run this verdict decides: the attempt, 1 when the message has none. */
    public int attemptOrFirst() {
        return attempt == null ? 1 : attempt;
    }
}
