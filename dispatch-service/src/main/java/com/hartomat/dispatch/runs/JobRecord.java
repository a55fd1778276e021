package com.hartomat.dispatch.runs;

import com.hartomat.contracts.messages.RenderJob;
import java.util.UUID;

/**
 * A render job dispatch queued, remembered in {@code render_jobs} so that each of its events finds the run and node (or,
 * for a legacy job, the order line) it belongs to.
 */
public record JobRecord(String jobId, String jobType, JobRole role, UUID runId, String nodeId, UUID orderLineId,
        UUID cadFileId, UUID shadowRunId) {

    /** Who a job works for: the authoritative legacy render, a graph node, a shadow observer node, a graph fallback. */
    public enum JobRole {
        LEGACY, GRAPH, OBSERVER, FALLBACK, CALIBRATION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static JobRole fromWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static JobRecord of(RenderJob job, JobRole role, UUID shadowRunId) {
        return new JobRecord(job.jobId(), job.jobType().wire(), role,
                job.workflowRunId() == null ? null : UUID.fromString(job.workflowRunId()), job.workflowNodeId(),
                uuid(job.context().orderLineId()), uuid(job.context().cadFileId()), shadowRunId);
    }

    private static UUID uuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }
}
