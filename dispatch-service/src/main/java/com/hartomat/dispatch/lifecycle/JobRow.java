package com.hartomat.dispatch.lifecycle;

import com.hartomat.dispatch.runs.JobRecord.JobRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A {@code render_jobs} row as the lifecycle reads and moves it. */
final class JobRow {

    final String jobId;
    final String jobType;
    final JobRole role;
    final UUID runId;
    final String nodeId;
    final UUID orderLineId;
    final UUID cadFileId;
    final UUID shadowRunId;
    /** A calibration render: its calibration and its index among the calibration's renders. */
    UUID calibrationId;
    Integer calibrationIndex;
    String status;
    int attempt;
    String workerId;
    List<Object> artifacts;
    Map<String, Object> failure;
    boolean startedNow;
    boolean finishedNow;
    /** When the job last showed a sign of life (accepted, started, progress, heartbeat); null before any. */
    Instant lastHeartbeatAt;
    Instant startedAt;
    /** A sign of life at this moment, to be written with the job (null: none). */
    Instant heartbeatNow;

    JobRow(String jobId, String jobType, JobRole role, UUID runId, String nodeId, UUID orderLineId, UUID cadFileId,
            UUID shadowRunId, String status, int attempt, String workerId, List<Object> artifacts,
            Map<String, Object> failure) {
        this.jobId = jobId;
        this.jobType = jobType;
        this.role = role;
        this.runId = runId;
        this.nodeId = nodeId;
        this.orderLineId = orderLineId;
        this.cadFileId = cadFileId;
        this.shadowRunId = shadowRunId;
        this.status = status;
        this.attempt = attempt;
        this.workerId = workerId;
        this.artifacts = artifacts;
        this.failure = failure;
    }

    boolean terminal() {
        return "completed".equals(status) || "failed".equals(status);
    }
}
