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
        Instant decidedAt) {

    public ComparisonVerdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
