package com.hartomat.dispatch.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lost-job decision: a graph or observer job that a worker took ({@code running}: accepted or started) and that
 * has shown no sign of life (accepted, started, progress, heartbeat) for longer than its job type's timeout is lost.
 * A job still waiting on the topic for a worker is never lost (a backlog is not a failure), and legacy, fallback and
 * calibration jobs are left to the worker, which re-runs a crashed attempt itself when the job is redelivered.
 * Pure: {@code now} is passed in.
 */
public final class LostJobs {

    /** What the decision needs of a {@code render_jobs} row. */
    public record Candidate(String jobId, String jobType, String role, String status, boolean hasRun,
            Instant lastHeartbeatAt, Instant startedAt) {

        static Candidate of(JobRow job) {
            return new Candidate(job.jobId, job.jobType, job.role.wire(), job.status, job.runId != null,
                    job.lastHeartbeatAt, job.startedAt);
        }

        /** The last sign of life: the latest heartbeat, else the moment the worker took the job. */
        Instant lastSign() {
            return lastHeartbeatAt != null ? lastHeartbeatAt : startedAt;
        }
    }

    private final Duration defaultTimeout;
    private final Map<String, Duration> timeoutByJobType;

    public LostJobs(Duration defaultTimeout, Map<String, Duration> timeoutByJobType) {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("the lost-job timeout must be positive");
        }
        this.defaultTimeout = defaultTimeout;
        this.timeoutByJobType = Map.copyOf(timeoutByJobType);
    }

    /** How long a job of this type may stay silent. */
    public Duration timeout(String jobType) {
        return timeoutByJobType.getOrDefault(jobType, defaultTimeout);
    }

    /** The shortest timeout of any job type: jobs silent for less than this are not even candidates. */
    public Duration shortestTimeout() {
        Collection<Duration> all = timeoutByJobType.values();
        return Stream.concat(Stream.of(defaultTimeout), all.stream()).min(Duration::compareTo).orElseThrow();
    }

    public boolean lost(Candidate job, Instant now) {
        if (!"running".equals(job.status()) || !job.hasRun()
                || !("graph".equals(job.role()) || "observer".equals(job.role()))) {
            return false;
        }
        Instant lastSign = job.lastSign();
        return lastSign != null && lastSign.plus(timeout(job.jobType())).isBefore(now);
    }

    /** The node's error message when the job is lost. */
    String message(Candidate job, Instant now) {
        Instant lastSign = job.lastSign();
        long silentS = lastSign == null ? 0 : Duration.between(lastSign, now).toSeconds();
        return "job " + job.jobId() + " (" + job.jobType() + ") is lost: no heartbeat for " + silentS
                + " s (timeout " + timeout(job.jobType()).toSeconds() + " s)";
    }
}
