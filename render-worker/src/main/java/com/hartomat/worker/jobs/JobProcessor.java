package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.Failure;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.worker.blender.BoundedLog;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.ledger.JobLedger;
import com.hartomat.worker.messaging.RenderEvents;
import com.hartomat.worker.status.WorkerActivity;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One delivery of one job, start to end: claim it in the ledger, answer a finished job with its recorded
 * outcome, or run the next attempt and record its outcome with its event. The caller may commit the Kafka
 * offset once this returns normally; it throws when the job must stay uncommitted (released on shutdown,
 * or the ledger unreachable).
 */
public final class JobProcessor {

    private static final Logger LOG = Logger.getLogger(JobProcessor.class);
    private static final int LOG_TAIL = 8000;

    /** What became of a delivery. */
    public enum Outcome { COMPLETED, FAILED, REPLAYED }

    /** Told about every finished delivery, e.g. to count it in metrics. */
    @FunctionalInterface
    public interface Listener {
        void finished(RenderJob job, String outcome, String failureCode, Duration duration);
    }

    /** Thrown when a job was released for redelivery (graceful shutdown): its offset must not be committed. */
    public static final class Released extends RuntimeException {
        public Released(String jobId) {
            super("job " + jobId + " released for redelivery");
        }
    }

    private final JobLedger ledger;
    private final JobExecutor executor;
    private final WorkerActivity activity;
    private final String workerId;
    private final Function<RenderJob, Duration> timeouts;
    private final Runnable eventsAppended;
    private final Listener listener;

    public JobProcessor(JobLedger ledger, JobExecutor executor, WorkerActivity activity, String workerId,
            Function<RenderJob, Duration> timeouts, Runnable eventsAppended, Listener listener) {
        this.listener = listener;
        this.ledger = ledger;
        this.executor = executor;
        this.activity = activity;
        this.workerId = workerId;
        this.timeouts = timeouts;
        this.eventsAppended = eventsAppended;
    }

    public Outcome process(RenderJob job, Instant receivedAt, ChildProcess.Cancellation cancellation)
            throws SQLException, InterruptedException {
        try (JobLedger.Claim claim = ledger.claim(job)) {
            if (claim.recordedOutcome() != null) {
                ledger.replay(claim, job.jobId());
                eventsAppended.run();
                LOG.infof("job %s already finished: answered with its recorded outcome", job.jobId());
                listener.finished(job, "replayed", null, Duration.ZERO);
                return Outcome.REPLAYED;
            }
            Instant started = Instant.now();
            long queuedMs = job.createdAt() == null ? 0 : Math.max(0, Duration.between(job.createdAt(), started).toMillis());
            int attempt = ledger.beginAttempt(claim, workerId,
                    n -> new RenderEvents(job, workerId, n).accepted(new Timings(queuedMs, null, null, null)));
            RenderEvents events = new RenderEvents(job, workerId, attempt);
            ledger.append(claim, events.started(new Timings(queuedMs, started, null, null)));
            eventsAppended.run();
            activity.started(job.jobId(), job.jobType().wire(), attempt);
            Duration timeout = timeouts.apply(job);
            JobExecutor.Attempt run = new JobExecutor.Attempt(job.jobId(), attempt, timeout, progress -> {
                activity.progress(job.jobId(), progress);
                try {
                    ledger.append(claim, events.progress(progress));
                    eventsAppended.run();
                } catch (SQLException e) {
                    LOG.warnf("progress event of %s not recorded: %s", job.jobId(), e.getMessage());
                }
            }, new BoundedLog(executor.logLimit()), cancellation, started.plus(timeout));
            try {
                JobResult result = executor.execute(job, run);
                Instant finished = Instant.now();
                RenderEvent completed = events.completed(result.artifacts(), result.outputs(), timings(queuedMs, started, finished));
                ledger.finish(claim, JobLedger.AttemptStatus.COMPLETED, completed, null,
                        Duration.between(started, finished).toMillis(), run.log().text());
                eventsAppended.run();
                LOG.infof("job %s (%s) attempt %d completed with %d artifact(s)", job.jobId(), job.jobType().wire(),
                        attempt, result.artifacts().size());
                listener.finished(job, "completed", null, Duration.between(started, finished));
                return Outcome.COMPLETED;
            } catch (JobFailure failure) {
                Instant finished = Instant.now();
                String tail = failure.logTail() != null ? failure.logTail() : run.log().tail(LOG_TAIL);
                boolean released = failure.code() == FailureCode.CANCELLED && cancellation.requested();
                RenderEvent failed = events.failed(new Failure(failure.code(), failure.getMessage(), failure.retryable(),
                        tail.isEmpty() ? null : tail), timings(queuedMs, started, finished));
                ledger.finish(claim, released ? JobLedger.AttemptStatus.RELEASED : JobLedger.AttemptStatus.FAILED, failed,
                        failure.code().wire(), Duration.between(started, finished).toMillis(), run.log().text());
                eventsAppended.run();
                LOG.infof("job %s (%s) attempt %d failed: %s %s", job.jobId(), job.jobType().wire(), attempt,
                        failure.code().wire(), failure.getMessage());
                listener.finished(job, released ? "released" : "failed", failure.code().wire(),
                        Duration.between(started, finished));
                if (released) {
                    throw new Released(job.jobId());
                }
                return Outcome.FAILED;
            } finally {
                activity.finished(job.jobId());
            }
        }
    }

    private static Timings timings(long queuedMs, Instant started, Instant finished) {
        return new Timings(queuedMs, started, finished, Duration.between(started, finished).toMillis());
    }

    /** The job's own limit when it sets one, else the configured one for its type. */
    public static Function<RenderJob, Duration> timeouts(Map<String, Duration> perType, Duration fallback) {
        return job -> job.timeoutS() != null ? Duration.ofSeconds(job.timeoutS())
                : perType.getOrDefault(job.jobType().wire(), fallback);
    }
}
