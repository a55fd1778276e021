package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.worker.ledger.JobLedger;
import com.hartomat.worker.messaging.RenderEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exactly-once effects: the ledger answers redeliveries, serialises deliveries, and re-runs crashed attempts. */
@QuarkusTest
class IdempotencyTest extends KafkaJobsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDuplicateDeliveryRendersOnceAndIsAnsweredWithTheRecordedCompletedEvent() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("dup"), JobType.STILL, TestJobs.id("ol"), null, TestJobs.tiny(),
                Map.of("glb_path", glb), null, null);

        kafka.send(job);
        kafka.send(job);
        List<RenderEvent> events = kafka.awaitOutcomes(job.jobId(), 2);

        List<RenderEvent> outcomes = events.stream().filter(KafkaJobs::isOutcome).toList();
        assertEquals(RenderEventType.COMPLETED, outcomes.get(0).eventType());
        assertEquals(outcomes.get(0), outcomes.get(1), "the redelivery is answered with the recorded event, unchanged");
        assertEquals(1, events.stream().filter(e -> e.eventType() == RenderEventType.STARTED).count(), "rendered once");
        assertEquals(List.of(1, 2, 1), ledgerRow(job.jobId()), "attempts 1, deliveries 2, attempt rows 1");
    }

    @Test
    void aJobInterruptedByACrashIsRenderedAgainAsAttemptTwo() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("crash"), JobType.STILL, TestJobs.id("ol"), null, TestJobs.tiny(),
                Map.of("glb_path", glb), null, null);
        // what a worker that died mid-render leaves behind: attempt 1 running, no outcome, no lock held
        try (Connection c = dataSource.getConnection()) {
            execute(c, "INSERT INTO render_worker.render_job (job_id, job_type, status, attempts, deliveries) VALUES (?, 'still', 'running', 1, 1)",
                    job.jobId());
            execute(c, "INSERT INTO render_worker.job_attempt (job_id, attempt, worker_id, status) VALUES (?, 1, 'dead-worker', 'running')",
                    job.jobId());
        }

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertEquals(2, done.attempt());
        assertEquals(List.of("interrupted", "completed"), attemptStatuses(job.jobId()));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT log FROM render_worker.job_attempt WHERE job_id = ? AND attempt = 2")) {
            s.setString(1, job.jobId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String log = rs.getString(1);
                // a fresh Blender's command line, or the warm pool's process that took the job
                assertTrue(log.startsWith("$ blender -b --factory-startup --python-exit-code 3 -P ")
                        || log.startsWith("$ warm blender pid "), log);
                assertTrue(log.contains("HARTOMAT_RESULT"), "Blender's output is captured in the attempt log");
            }
        }
    }

    @Test
    void twoDeliveriesOfOneJobNeverHoldTheClaimAtTheSameTime() throws Exception {
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("lock"), JobType.STILL, TestJobs.id("ol"), null, TestJobs.tiny(),
                Map.of(), null, null);
        JobLedger ledger = new JobLedger(dataSource);

        try (JobLedger.Claim first = ledger.claim(job)) {
            assertNull(first.recordedOutcome());
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
                try (JobLedger.Claim claim = ledger.claim(job)) {
                    return claim.recordedOutcome();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            assertFalse(second.isDone(), "the second delivery waits while the first holds the job");

            ledger.beginAttempt(first, "test-worker", n -> new RenderEvents(job, "test-worker", n).accepted(null));
            RenderEvent failed = new RenderEvents(job, "test-worker", 1).failed(
                    new com.hartomat.contracts.messages.Failure(com.hartomat.contracts.messages.FailureCode.INPUT_MISSING,
                            "no model", false, null), new Timings(0L, null, null, 0L));
            ledger.finish(first, JobLedger.AttemptStatus.FAILED, failed, "input_missing", 0, "log");
            first.close();

            String recorded = second.get(30, TimeUnit.SECONDS);
            assertNotNull(recorded, "after the first finished, the second sees its recorded outcome");
            assertEquals(failed.eventId(), com.hartomat.contracts.codec.Topics.RENDER_EVENTS
                    .decode(recorded.getBytes(java.nio.charset.StandardCharsets.UTF_8)).eventId());
        }
    }

    private List<Integer> ledgerRow(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT attempts, deliveries, (SELECT count(*) FROM render_worker.job_attempt a WHERE a.job_id = j.job_id) "
                        + "FROM render_worker.render_job j WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        }
    }

    private List<String> attemptStatuses(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT status FROM render_worker.job_attempt WHERE job_id = ? ORDER BY attempt")) {
            s.setString(1, jobId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void execute(Connection c, String sql, String jobId) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            s.executeUpdate();
        }
    }
}
