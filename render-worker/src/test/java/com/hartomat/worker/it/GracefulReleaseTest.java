package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.jobs.JobProcessor;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What shutdown does to a job still running when the grace period is over: its Blender is stopped, the
 * attempt is released (not recorded as the job's outcome) and the next delivery renders it as attempt 2.
 */
@QuarkusTest
class GracefulReleaseTest {

    @Inject
    WorkerRuntime runtime;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReleasedJobIsReportedCancelledRetryableAndRenderedAgainOnRedelivery() throws Exception {
        try (KafkaJobs kafka = new KafkaJobs()) {
            String glb = TestJobs.sampleGlb(kafka);
            RenderJob job = TestJobs.orderLineJob(TestJobs.id("release"), JobType.TURNTABLE, TestJobs.id("ol"), null,
                    TestJobs.tiny("frame_count", 24, "samples", 8), Map.of("glb_path", glb), null, null);
            ChildProcess.Cancellation shutdown = new ChildProcess.Cancellation();

            CompletableFuture<JobProcessor.Delivery> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return runtime.processor().process(job, Instant.now(), shutdown);
                } catch (java.sql.SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            kafka.awaitEvents(job.jobId(), events -> events.stream().anyMatch(e -> e.eventType() == RenderEventType.PROGRESS
                    && e.progress().frame() != null), java.time.Duration.ofSeconds(120));
            shutdown.cancel();

            ExecutionException released = assertThrows(ExecutionException.class, first::get);
            assertInstanceOf(JobProcessor.Released.class, released.getCause());
            RenderEvent cancelled = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
            assertEquals(FailureCode.CANCELLED, cancelled.failure().code());
            assertTrue(cancelled.failure().retryable());
            assertEquals(List.of("released", "released"), status(job.jobId()));

            JobProcessor.Outcome again = runtime.processor().process(job, Instant.now(), new ChildProcess.Cancellation()).outcome();

            assertEquals(JobProcessor.Outcome.COMPLETED, again);
            RenderEvent completed = kafka.awaitEvents(job.jobId(), events -> events.stream()
                    .anyMatch(e -> e.eventType() == RenderEventType.COMPLETED), java.time.Duration.ofSeconds(120))
                    .stream().filter(e -> e.eventType() == RenderEventType.COMPLETED).findFirst().orElseThrow();
            assertEquals(2, completed.attempt());
            assertEquals(List.of("completed", "completed"), status(job.jobId()));
        }
    }

    /** The job's status and its latest attempt's status. */
    private List<String> status(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT j.status, a.status FROM render_worker.render_job j JOIN render_worker.job_attempt a "
                        + "ON a.job_id = j.job_id AND a.attempt = j.attempts WHERE j.job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2));
            }
        }
    }
}
