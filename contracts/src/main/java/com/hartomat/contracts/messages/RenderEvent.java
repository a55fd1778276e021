package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message on {@code render.events.v1}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RenderEvent(
        String eventId,
        String jobId,
        RenderEventType eventType,
        JobType jobType,
        ExecutionMode executionMode,
        String workflowRunId,
        String workflowNodeId,
        RenderContext context,
        String workerId,
        int attempt,
        Instant occurredAt,
        Publication publication,
        Progress progress,
        List<Artifact> artifacts,
        Map<String, Object> outputs,
        Timings timings,
        Failure failure) {

    public RenderEvent {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }
}
