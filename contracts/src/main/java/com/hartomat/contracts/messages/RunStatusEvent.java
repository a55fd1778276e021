package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/**
 * A message on {@code runs.status.v1}: a run or node status transition. {@code sequence} increases by one per
 * transition of a run (1 is the dispatch), so a subscriber can order and de-duplicate what it receives.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunStatusEvent(
        String eventId,
        String workflowRunId,
        long sequence,
        String scope,
        String nodeId,
        String step,
        RunStatus status,
        RunStatus previousStatus,
        ExecutionMode executionMode,
        String workflowDefId,
        String orderLineId,
        String outputTypeId,
        String cadFileId,
        String errorMessage,
        Map<String, Object> output,
        Instant occurredAt) {

    public static final String SCOPE_RUN = "run";
    public static final String SCOPE_NODE = "node";
}
