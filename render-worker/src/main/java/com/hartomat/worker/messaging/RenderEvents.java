package com.hartomat.worker.messaging;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.Failure;
import com.hartomat.contracts.messages.Progress;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.Timings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the events of one attempt of one job: ids, context and the job's publication flags carried over. */
public final class RenderEvents {

    private final RenderJob job;
    private final String workerId;
    private final int attempt;

    public RenderEvents(RenderJob job, String workerId, int attempt) {
        this.job = job;
        this.workerId = workerId;
        this.attempt = attempt;
    }

    public RenderEvent accepted(Timings timings) {
        return event(RenderEventType.ACCEPTED, null, List.of(), null, timings, null);
    }

    public RenderEvent started(Timings timings) {
        return event(RenderEventType.STARTED, null, List.of(), null, timings, null);
    }

    public RenderEvent progress(Progress progress) {
        return event(RenderEventType.PROGRESS, progress, List.of(), null, null, null);
    }

    /** The attempt is alive (sent at a fixed interval while it runs; progress counts as one). */
    public RenderEvent heartbeat() {
        return event(RenderEventType.HEARTBEAT, null, List.of(), null, null, null);
    }

    public RenderEvent completed(List<Artifact> artifacts, Map<String, Object> outputs, Timings timings) {
        return event(RenderEventType.COMPLETED, null, artifacts, outputs, timings, null);
    }

    public RenderEvent failed(Failure failure, Timings timings) {
        return event(RenderEventType.FAILED, null, List.of(), null, timings, failure);
    }

    private RenderEvent event(RenderEventType type, Progress progress, List<Artifact> artifacts,
            Map<String, Object> outputs, Timings timings, Failure failure) {
        return new RenderEvent(UUID.randomUUID().toString(), job.jobId(), type, job.jobType(), job.executionMode(),
                job.workflowRunId(), job.workflowNodeId(), job.context(), workerId, attempt, Instant.now(),
                job.publication(), progress, artifacts, outputs, timings, failure);
    }
}
