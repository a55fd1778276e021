package com.hartomat.worker.jobs;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.messages.Failure;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.worker.blender.BoundedLog;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.control.CancelledJobs;
import com.hartomat.worker.ledger.JobLedger;
import com.hartomat.worker.messaging.RenderEvents;
import com.hartomat.worker.status.WorkerActivity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One delivery of one job, start to end: claim it in the ledger, answer a finished job with its recorded
 * outcome, or run the next attempt and record its outcome with its event. The caller may commit the Kafka
 * offset once this returns normally; it throws when the job must stay uncommitted (released on shutdown, an
 * attempt that ended in a worker error with attempts left, or the ledger unreachable).
 */
public final class JobProcessor {

    private static final Logger LOG = Logger.getLogger(JobProcessor.class);
    private static final int LOG_TAIL = 8000;

    /** What became of a delivery. */
    public enum Outcome { COMPLETED, FAILED, REPLAYED }

    /**
     * A delivery's outcome, and the reason to dead-letter its record when the job was given up ({@code worker_error}
     * after the attempt cap), by this delivery or by an earlier one whose recorded outcome was replayed.
     */
    public record Delivery(Outcome outcome, String deadLetterReason) {
        static Delivery of(Outcome outcome) {
            return new Delivery(outcome, null);
        }
    }

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

    /** Thrown when an attempt ended in a worker error and the job has attempts left: the delivery is to be tried again. */
    public static final class AttemptErrored extends RuntimeException {
        AttemptErrored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How an attempt ended, for the caller after the ledger recorded it. */
    private record Ended(String outcome, String failureCode, Duration duration, boolean released, Delivery delivery) {
    }

    private final JobLedger ledger;
    private final AttemptRunner runner;
    private final int logLimit;
    private final AttemptBudget budget;
    private final WorkerActivity activity;
    private final String workerId;
    private final Function<RenderJob, Duration> timeouts;
    private final Runnable eventsAppended;
    private final Listener listener;
    private final CancelledJobs cancelledJobs;
    private final Heartbeats heartbeats;

    public JobProcessor(JobLedger ledger, AttemptRunner runner, int logLimit, AttemptBudget budget,
            WorkerActivity activity, String workerId, Function<RenderJob, Duration> timeouts, Runnable eventsAppended,
            Listener listener) {
        this(ledger, runner, logLimit, budget, activity, workerId, timeouts, eventsAppended, listener,
                CancelledJobs.none(), Heartbeats.NONE);
    }

    /** {@code cancelledJobs}: jobs an operator cancelled (render.control.v1), not started or stopped when running. */
    public JobProcessor(JobLedger ledger, AttemptRunner runner, int logLimit, AttemptBudget budget,
            WorkerActivity activity, String workerId, Function<RenderJob, Duration> timeouts, Runnable eventsAppended,
            Listener listener, CancelledJobs cancelledJobs) {
        this(ledger, runner, logLimit, budget, activity, workerId, timeouts, eventsAppended, listener, cancelledJobs,
                Heartbeats.NONE);
    }

    /** With {@code heartbeats}: a running attempt sends {@code heartbeat} events (docs/render-worker.md). */
    public JobProcessor(JobLedger ledger, AttemptRunner runner, int logLimit, AttemptBudget budget,
            WorkerActivity activity, String workerId, Function<RenderJob, Duration> timeouts, Runnable eventsAppended,
            Listener listener, Heartbeats heartbeats) {
        this(ledger, runner, logLimit, budget, activity, workerId, timeouts, eventsAppended, listener,
                CancelledJobs.none(), heartbeats);
    }

    /** Cancellations and heartbeats both. */
    public JobProcessor(JobLedger ledger, AttemptRunner runner, int logLimit, AttemptBudget budget,
            WorkerActivity activity, String workerId, Function<RenderJob, Duration> timeouts, Runnable eventsAppended,
            Listener listener, CancelledJobs cancelledJobs, Heartbeats heartbeats) {
        this.cancelledJobs = cancelledJobs;
        this.heartbeats = heartbeats;
        this.ledger = ledger;
        this.runner = runner;
        this.logLimit = logLimit;
        this.budget = budget;
        this.activity = activity;
        this.workerId = workerId;
        this.timeouts = timeouts;
        this.eventsAppended = eventsAppended;
        this.listener = listener;
    }

    public Delivery process(RenderJob job, Instant receivedAt, ChildProcess.Cancellation cancellation)
            throws SQLException, InterruptedException {
        try (JobLedger.Claim claim = ledger.claim(job)) {
            if (claim.recordedOutcome() != null) {
                return replay(claim, job);
            }
            Instant started = Instant.now();
            long queuedMs = job.createdAt() == null ? 0 : Math.max(0, Duration.between(job.createdAt(), started).toMillis());
            int attempt = ledger.beginAttempt(claim, workerId,
                    n -> new RenderEvents(job, workerId, n).accepted(new Timings(queuedMs, null, null, null)));
            RenderEvents events = new RenderEvents(job, workerId, attempt);
            Span.current().setAttribute("hartomat.job_id", job.jobId())
                    .setAttribute("hartomat.job_type", job.jobType().wire())
                    .setAttribute("hartomat.attempt", attempt);
            BoundedLog log = new BoundedLog(logLimit);
            activity.started(job.jobId(), job.jobType().wire(), attempt);
            Ended ended;
            try (CancelledJobs.Registration ignored = cancelledJobs.running(job.jobId(), cancellation)) {
                ended = attempt(claim, job, events, log, cancellation, started, queuedMs);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                ended = errored(claim, job, events, log, started, queuedMs, e);
            } finally {
                activity.finished(job.jobId());
            }
            eventsAppended.run();
            listener.finished(job, ended.outcome(), ended.failureCode(), ended.duration());
            if (ended.released()) {
                throw new Released(job.jobId());
            }
            return ended.delivery();
        }
    }

    private Delivery replay(JobLedger.Claim claim, RenderJob job) throws SQLException {
        ledger.replay(claim, job.jobId());
        eventsAppended.run();
        LOG.infof("job %s already finished: answered with its recorded outcome", job.jobId());
        listener.finished(job, "replayed", null, Duration.ZERO);
        return new Delivery(Outcome.REPLAYED, gaveUpReason(claim.recordedOutcome()));
    }

    /** Runs the attempt and records its completed or failed outcome; throws when it ended without one. */
    private Ended attempt(JobLedger.Claim claim, RenderJob job, RenderEvents events, BoundedLog log,
            ChildProcess.Cancellation cancellation, Instant started, long queuedMs) throws SQLException, InterruptedException {
        int attempt = claim.attempt();
        if (cancelledJobs.cancelled(job.jobId())) {
            return failed(claim, job, events, log, cancellation, started, queuedMs, attempt, new JobFailure(
                    FailureCode.JOB_CANCELLED, "the job's run was cancelled before the job started", false, null));
        }
        ledger.append(claim, events.started(new Timings(queuedMs, started, null, null)));
        eventsAppended.run();
        // progress arrives on the child process' output reader thread: its events join the job's trace explicitly
        Context trace = Context.current();
        try (Heartbeats.Beat beat = heartbeats.start(job.jobId(), () -> {
            try (Scope ignored = trace.makeCurrent()) {
                ledger.append(claim, events.heartbeat());
                eventsAppended.run();
            }
        })) {
            return attemptBeating(claim, job, events, log, cancellation, started, queuedMs, trace, beat);
        }
    }

    private Ended attemptBeating(JobLedger.Claim claim, RenderJob job, RenderEvents events, BoundedLog log,
            ChildProcess.Cancellation cancellation, Instant started, long queuedMs, Context trace, Heartbeats.Beat beat)
            throws SQLException, InterruptedException {
        int attempt = claim.attempt();
        Duration timeout = timeouts.apply(job);
        JobExecutor.Attempt run = new JobExecutor.Attempt(job.jobId(), attempt, timeout, progress -> {
            beat.touch();
            activity.progress(job.jobId(), progress);
            try (Scope ignored = trace.makeCurrent()) {
                ledger.append(claim, events.progress(progress));
                eventsAppended.run();
            } catch (SQLException e) {
                LOG.warnf("progress event of %s not recorded: %s", job.jobId(), e.getMessage());
            }
        }, log, cancellation, started.plus(timeout));
        try {
            JobResult result = executeBeating(job, run, beat);
            Instant finished = Instant.now();
            RenderEvent completed = events.completed(result.artifacts(), result.outputs(), timings(queuedMs, started, finished));
            ledger.finish(claim, JobLedger.AttemptStatus.COMPLETED, completed, null,
                    Duration.between(started, finished).toMillis(), log.text());
            LOG.infof("job %s (%s) attempt %d completed with %d artifact(s)", job.jobId(), job.jobType().wire(),
                    attempt, result.artifacts().size());
            return new Ended("completed", null, Duration.between(started, finished), false, Delivery.of(Outcome.COMPLETED));
        } catch (JobFailure failure) {
            if (failure.code() == FailureCode.CANCELLED && cancelledJobs.cancelled(job.jobId())) {
                // stopped because an operator cancelled the run, not released at shutdown: final, never redelivered
                failure = new JobFailure(FailureCode.JOB_CANCELLED, "the job's run was cancelled: its process was "
                        + "stopped", false, failure.logTail());
            }
            return failed(claim, job, events, log, cancellation, started, queuedMs, attempt, failure);
        }
    }

    private Ended failed(JobLedger.Claim claim, RenderJob job, RenderEvents events, BoundedLog log,
            ChildProcess.Cancellation cancellation, Instant started, long queuedMs, int attempt, JobFailure failure)
            throws SQLException {
        Instant finished = Instant.now();
        String tail = failure.logTail() != null ? failure.logTail() : log.tail(LOG_TAIL);
        boolean released = failure.code() == FailureCode.CANCELLED && cancellation.requested();
        RenderEvent failed = events.failed(new Failure(failure.code(), failure.getMessage(), failure.retryable(),
                tail.isEmpty() ? null : tail), timings(queuedMs, started, finished));
        ledger.finish(claim, released ? JobLedger.AttemptStatus.RELEASED : JobLedger.AttemptStatus.FAILED, failed,
                failure.code().wire(), Duration.between(started, finished).toMillis(), log.text());
        LOG.infof("job %s (%s) attempt %d failed: %s %s", job.jobId(), job.jobType().wire(), attempt,
                failure.code().wire(), failure.getMessage());
        return new Ended(released ? "released" : "failed", failure.code().wire(), Duration.between(started, finished),
                released, Delivery.of(Outcome.FAILED));
    }

    /** Runs the attempt; its heartbeats stop as soon as it ends, before its outcome event is appended. */
    private JobResult executeBeating(RenderJob job, JobExecutor.Attempt run, Heartbeats.Beat beat)
            throws InterruptedException {
        try {
            return runner.execute(job, run);
        } finally {
            beat.close();
        }
    }

    /**
     * An attempt ended in an unexpected exception, without an outcome. With attempts left it is recorded as
     * errored and {@link AttemptErrored} is thrown (the caller tries the delivery again); the last one the
     * budget allows is recorded as the job's {@code worker_error} outcome, to be dead-lettered.
     */
    private Ended errored(JobLedger.Claim claim, RenderJob job, RenderEvents events, BoundedLog log, Instant started,
            long queuedMs, Exception error) throws SQLException {
        Instant finished = Instant.now();
        Duration duration = Duration.between(started, finished);
        int attempt = claim.attempt();
        int errors = claim.erroredAttempts() + 1;
        boolean last = budget.exhausted(errors);
        String code = FailureCode.WORKER_ERROR.wire();
        String message = last ? budget.giveUpMessage(errors, attempt, error)
                : "job " + job.jobId() + " attempt " + attempt + " ended in a worker error (" + errors + " of "
                        + budget.maxAttempts() + " attempts): " + AttemptBudget.describe(error);
        log.line("worker error in attempt " + attempt + ": " + stackTrace(error));
        try {
            if (last) {
                RenderEvent failed = events.failed(new Failure(FailureCode.WORKER_ERROR, message, false,
                        log.tail(LOG_TAIL)), timings(queuedMs, started, finished));
                ledger.finish(claim, JobLedger.AttemptStatus.FAILED, failed, code, duration.toMillis(), log.text());
            } else {
                ledger.recordError(claim, code, duration.toMillis(), log.text());
            }
        } catch (SQLException | RuntimeException recording) {
            recording.addSuppressed(error);
            throw recording;
        }
        if (!last) {
            LOG.warnf(error, "%s; it will be attempted again", message);
            listener.finished(job, "errored", code, duration);
            throw new AttemptErrored(message, error);
        }
        LOG.errorf(error, "job %s (%s) failed for good: %s", job.jobId(), job.jobType().wire(), message);
        return new Ended("failed", code, duration, false, new Delivery(Outcome.FAILED, deadLetterReason(message)));
    }

    /** The dead-letter reason when a recorded outcome is a {@code worker_error} failure, else null. */
    static String gaveUpReason(String recordedOutcome) {
        try {
            var failure = Json.mapper().readTree(recordedOutcome).path("failure");
            return FailureCode.WORKER_ERROR.wire().equals(failure.path("code").asText(null))
                    ? deadLetterReason(failure.path("message").asText("")) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String deadLetterReason(String message) {
        return FailureCode.WORKER_ERROR.wire() + ": " + message;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
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
