package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message on {@code render.jobs.v1}: one asynchronous node of a run, or one legacy render. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RenderJob(
        String jobId,
        JobType jobType,
        String taskName,
        ExecutionMode executionMode,
        String preset,
        String workflowRunId,
        String workflowNodeId,
        String workflowDefId,
        RenderContext context,
        Map<String, Object> params,
        Map<String, Object> inputs,
        boolean publishAssetEnabled,
        boolean graphAuthoritativeOutputEnabled,
        List<String> graphOutputNodeIds,
        boolean emitEvents,
        boolean jobDocumentEnabled,
        String outputNameSuffix,
        boolean emitLegacyNotifications,
        List<String> graphNotifyNodeIds,
        Integer timeoutS,
        Instant createdAt) {

    public RenderJob {
        params = params == null ? Map.of() : params;
        inputs = inputs == null ? Map.of() : inputs;
        graphOutputNodeIds = graphOutputNodeIds == null ? List.of() : List.copyOf(graphOutputNodeIds);
        graphNotifyNodeIds = graphNotifyNodeIds == null ? List.of() : List.copyOf(graphNotifyNodeIds);
    }

    /** Builds a job whose publication flags come from one {@link Publication} value. */
    public static RenderJob of(String jobId, JobType jobType, String taskName, ExecutionMode executionMode, String preset,
            String workflowRunId, String workflowNodeId, String workflowDefId, RenderContext context,
            Map<String, Object> params, Map<String, Object> inputs, Publication publication, Integer timeoutS,
            Instant createdAt) {
        return new RenderJob(jobId, jobType, taskName, executionMode, preset, workflowRunId, workflowNodeId,
                workflowDefId, context, params, inputs, publication.publishAssetEnabled(),
                publication.graphAuthoritativeOutputEnabled(), publication.graphOutputNodeIds(),
                publication.emitEvents(), publication.jobDocumentEnabled(), publication.outputNameSuffix(),
                publication.emitLegacyNotifications(), publication.graphNotifyNodeIds(), timeoutS, createdAt);
    }

    @JsonIgnore
    public Publication publication() {
        return new Publication(publishAssetEnabled, graphAuthoritativeOutputEnabled, graphOutputNodeIds, emitEvents,
                jobDocumentEnabled, outputNameSuffix, emitLegacyNotifications, graphNotifyNodeIds);
    }

    /** The Kafka key: the order line or CAD file, so one context's jobs stay in order. */
    @JsonIgnore
    public String key() {
        return context.key();
    }
}
