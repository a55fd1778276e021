package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderControl;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.control.WorkerControl;
import com.hartomat.worker.jobs.JobProcessor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's cancel on render.control.v1 (real Kafka, real Blender): a job cancelled before the worker consumes it
 * is never executed, a running Blender is stopped; both end {@code failed} with {@code job_cancelled}, not retryable,
 * and (unlike a release at shutdown) are never rendered again.
 */
@QuarkusTest
class OperatorCancelTest {

    @Inject
    WorkerRuntime runtime;

    @Inject
    WorkerControl control;

    @BeforeEach
    void controlTopicIsRead() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(control::listening);
    }

    @Test
    void aJobCancelledBeforeItIsConsumedIsNeverExecuted() {
        try (KafkaJobs kafka = new KafkaJobs()) {
            String line = TestJobs.id("ol");
            RenderJob job = TestJobs.orderLineJob(TestJobs.id("cancel-queued"), JobType.STILL, line, null,
                    TestJobs.tiny(), Map.of("glb_path", TestJobs.sampleGlb(kafka)), null, null);
            kafka.control(RenderControl.cancel(job.jobId(), "run-1", "operator said stop", "test-operator",
                    Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> control.cancelledJobs().cancelled(job.jobId()));

            kafka.send(job);
            List<RenderEvent> events = kafka.awaitOutcome(job.jobId());

            RenderEvent outcome = KafkaJobs.outcome(events);
            assertEquals(RenderEventType.FAILED, outcome.eventType());
            assertEquals(FailureCode.JOB_CANCELLED, outcome.failure().code());
            assertFalse(outcome.failure().retryable());
            assertTrue(events.stream().noneMatch(e -> e.eventType() == RenderEventType.STARTED
                    || e.eventType() == RenderEventType.PROGRESS), "never started: " + events);
            assertFalse(Files.exists(KafkaJobs.storageRoot().resolve(Path.of("renders", line))),
                    "nothing rendered for the line");
        }
    }

    @Test
    void aRunningBlenderIsStoppedAndTheJobFailsForGoodWithJobCancelled() throws Exception {
        try (KafkaJobs kafka = new KafkaJobs()) {
            RenderJob job = TestJobs.orderLineJob(TestJobs.id("cancel-running"), JobType.TURNTABLE, TestJobs.id("ol"),
                    null, TestJobs.tiny("frame_count", 48, "samples", 8), Map.of("glb_path", TestJobs.sampleGlb(kafka)),
                    null, null);
            CompletableFuture<JobProcessor.Delivery> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runtime.processor().process(job, Instant.now(), new ChildProcess.Cancellation());
                } catch (java.sql.SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            kafka.awaitEvents(job.jobId(), events -> events.stream().anyMatch(e -> e.eventType() == RenderEventType.PROGRESS
                    && e.progress().frame() != null), Duration.ofSeconds(180));
            List<ProcessHandle> blenders = blenders();
            assertFalse(blenders.isEmpty(), "Blender is running the turntable");

            kafka.control(RenderControl.cancel(job.jobId(), "run-2", null, "test-operator", Instant.now()));

            JobProcessor.Delivery delivery = run.get(120, TimeUnit.SECONDS);
            assertEquals(JobProcessor.Outcome.FAILED, delivery.outcome(), "an outcome, not a release for redelivery");
            RenderEvent outcome = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
            assertEquals(FailureCode.JOB_CANCELLED, outcome.failure().code());
            assertFalse(outcome.failure().retryable());
            assertTrue(outcome.failure().logTail() == null || outcome.failure().logTail().contains("cancelled"),
                    outcome.failure().logTail());
            blenders.forEach(p -> assertFalse(p.isAlive(), "Blender " + p.pid() + " was stopped"));

            JobProcessor.Outcome again = runtime.processor().process(job, Instant.now(), new ChildProcess.Cancellation())
                    .outcome();
            assertEquals(JobProcessor.Outcome.REPLAYED, again, "a cancelled job is answered with its recorded outcome");
        }
    }

    private static List<ProcessHandle> blenders() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.contains("blender"))
                .orElse(false)).toList();
    }
}
