package com.hartomat.worker.ledger;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.contracts.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The worker's idempotency ledger (schema render_worker). A delivery {@link #claim claims} its job: it takes a
 * session-level advisory lock on the job id, so two deliveries never render at once, and the lock dies with
 * the connection if the worker dies. Under the lock the delivery either finds a recorded outcome (answer with
 * it) or starts the next attempt; the attempt number is committed before rendering, so a crashed attempt 1
 * is followed by attempt 2. An attempt that ends in a worker error is recorded as {@code errored}, without an
 * outcome, and counted for the attempt cap. Every event goes through the outbox; the outcome event is committed
 * in the same transaction as the ledger row that records it.
 */
public final class JobLedger {

    private final DataSource dataSource;

    public JobLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held claim on one job; closing it releases the lock and the connection. */
    public final class Claim implements AutoCloseable {
        private final Connection connection;
        private final String jobId;
        private final String recordedOutcome;
        private final int previousAttempts;
        private final int erroredAttempts;
        private int attempt;
        private boolean closed;

        private Claim(Connection connection, String jobId, String recordedOutcome, int previousAttempts,
                int erroredAttempts) {
            this.connection = connection;
            this.jobId = jobId;
            this.recordedOutcome = recordedOutcome;
            this.previousAttempts = previousAttempts;
            this.erroredAttempts = erroredAttempts;
        }

        /** The recorded completed/failed event of an earlier attempt, or null when the job must be (re)done. */
        public String recordedOutcome() {
            return recordedOutcome;
        }

        public int attempt() {
            return attempt;
        }

        /** How many earlier attempts of the job ended in a worker error. */
        public int erroredAttempts() {
            return erroredAttempts;
        }

        @Override
        public void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                    unlock.setString(1, "render_job:" + jobId);
                    unlock.execute();
                }
            } finally {
                connection.close();
            }
        }
    }

    /** Waits for the job's lock (another delivery may be rendering it) and reads its state. */
    public Claim claim(RenderJob job) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO render_job (job_id, job_type, status) VALUES (?, ?, 'received') ON CONFLICT (job_id) DO NOTHING")) {
                insert.setString(1, job.jobId());
                insert.setString(2, job.jobType().wire());
                insert.executeUpdate();
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "render_job:" + job.jobId());
                lock.execute();
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "UPDATE render_job SET deliveries = deliveries + 1, updated_at = now() WHERE job_id = ? "
                            + "RETURNING status, attempts, outcome_event, (SELECT count(*) FROM job_attempt a "
                            + "WHERE a.job_id = render_job.job_id AND a.status = 'errored')")) {
                read.setString(1, job.jobId());
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    String status = rs.getString(1);
                    boolean terminal = status.equals("completed") || status.equals("failed");
                    return new Claim(connection, job.jobId(), terminal ? rs.getString(3) : null, rs.getInt(2),
                            rs.getInt(4));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Answers a redelivery with the recorded outcome event, unchanged (same event id), through the outbox. */
    public void replay(Claim claim, String key) throws SQLException {
        OutboxWriter.append(claim.connection, List.of(OutboxRow.encoded(Topics.RENDER_EVENTS.topic(), key,
                claim.recordedOutcome, Map.of("x-hartomat-replayed", "true"))));
    }

    /**
     * Starts the next attempt: marks an attempt left running by a dead worker as interrupted, commits the new
     * attempt number and appends the {@code accepted} event built for it, all in one transaction.
     */
    public int beginAttempt(Claim claim, String workerId, IntFunction<RenderEvent> accepted) throws SQLException {
        Connection c = claim.connection;
        int attempt = claim.previousAttempts + 1;
        c.setAutoCommit(false);
        try {
            try (PreparedStatement interrupted = c.prepareStatement(
                    "UPDATE job_attempt SET status = 'interrupted', finished_at = now() WHERE job_id = ? AND status = 'running'")) {
                interrupted.setString(1, claim.jobId);
                interrupted.executeUpdate();
            }
            try (PreparedStatement job = c.prepareStatement(
                    "UPDATE render_job SET status = 'running', attempts = ?, updated_at = now() WHERE job_id = ?")) {
                job.setInt(1, attempt);
                job.setString(2, claim.jobId);
                job.executeUpdate();
            }
            try (PreparedStatement row = c.prepareStatement(
                    "INSERT INTO job_attempt (job_id, attempt, worker_id, status) VALUES (?, ?, ?, 'running')")) {
                row.setString(1, claim.jobId);
                row.setInt(2, attempt);
                row.setString(3, workerId);
                row.executeUpdate();
            }
            RenderEvent event = accepted.apply(attempt);
            OutboxWriter.append(c, Topics.RENDER_EVENTS, event.jobId(), event);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        claim.attempt = attempt;
        return attempt;
    }

    /** Appends a non-terminal event (started, progress); progress arrives on the output reader thread. */
    public void append(Claim claim, RenderEvent event) throws SQLException {
        synchronized (claim) {
            OutboxWriter.append(claim.connection, Topics.RENDER_EVENTS, event.jobId(), event);
        }
    }

    /**
     * Records the attempt's outcome and appends its event in one transaction. A {@code released} outcome
     * (graceful shutdown) is not terminal: the job stays open for redelivery.
     */
    public void finish(Claim claim, AttemptStatus status, RenderEvent event, String failureCode, long durationMs,
            String log) throws SQLException {
        synchronized (claim) {
            finishLocked(claim, status, event, failureCode, durationMs, log);
        }
    }

    private void finishLocked(Claim claim, AttemptStatus status, RenderEvent event, String failureCode, long durationMs,
            String log) throws SQLException {
        Connection c = claim.connection;
        OutboxRow row = OutboxRow.of(Topics.RENDER_EVENTS, event.jobId(), event, Map.of());
        c.setAutoCommit(false);
        try {
            try (PreparedStatement job = c.prepareStatement(
                    "UPDATE render_job SET status = ?, outcome_event = ?, updated_at = now() WHERE job_id = ?")) {
                job.setString(1, status.jobStatus());
                job.setString(2, status == AttemptStatus.RELEASED ? null : row.payload());
                job.setString(3, claim.jobId);
                job.executeUpdate();
            }
            try (PreparedStatement attempt = c.prepareStatement(
                    "UPDATE job_attempt SET status = ?, finished_at = now(), duration_ms = ?, failure_code = ?, log = ? "
                            + "WHERE job_id = ? AND attempt = ?")) {
                attempt.setString(1, status.attemptStatus());
                attempt.setLong(2, durationMs);
                attempt.setString(3, failureCode);
                attempt.setString(4, log.replace("\0", ""));
                attempt.setString(5, claim.jobId);
                attempt.setInt(6, claim.attempt);
                attempt.executeUpdate();
            }
            OutboxWriter.append(c, List.of(row));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Records that the claim's attempt ended in a worker error, without an outcome event: the attempt becomes
     * {@code errored} (the error is in its log) and the job stays open for its next attempt. Only an attempt
     * still {@code running} is changed, so an outcome recorded just before the error is never overwritten.
     */
    public void recordError(Claim claim, String failureCode, long durationMs, String log) throws SQLException {
        synchronized (claim) {
            Connection c = claim.connection;
            c.setAutoCommit(false);
            try {
                try (PreparedStatement attempt = c.prepareStatement(
                        "UPDATE job_attempt SET status = 'errored', finished_at = now(), duration_ms = ?, failure_code = ?, "
                                + "log = ? WHERE job_id = ? AND attempt = ? AND status = 'running'")) {
                    attempt.setLong(1, durationMs);
                    attempt.setString(2, failureCode);
                    attempt.setString(3, log.replace("\0", ""));
                    attempt.setString(4, claim.jobId);
                    attempt.setInt(5, claim.attempt);
                    attempt.executeUpdate();
                }
                try (PreparedStatement job = c.prepareStatement(
                        "UPDATE render_job SET status = 'errored', updated_at = now() WHERE job_id = ? AND status = 'running'")) {
                    job.setString(1, claim.jobId);
                    job.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** How an attempt ended, and what that makes the job. */
    public enum AttemptStatus {
        COMPLETED("completed", "completed"), FAILED("failed", "failed"), RELEASED("released", "released");

        private final String jobStatus;
        private final String attemptStatus;

        AttemptStatus(String jobStatus, String attemptStatus) {
            this.jobStatus = jobStatus;
            this.attemptStatus = attemptStatus;
        }

        String jobStatus() {
            return jobStatus;
        }

        String attemptStatus() {
            return attemptStatus;
        }
    }
}
