package com.hartomat.worker.it;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.jobs.JobProcessor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BlenderMissingReadinessTest.BlenderMissing.class)
class BlenderMissingReadinessTest {

    /** A worker whose Blender path leads nowhere (and that leaves the shared job topic to the main test app). */
    public static class BlenderMissing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hartomat.blender.path", "/nonexistent/blender", "hartomat.worker.consume", "false");
        }
    }

    @Inject
    WorkerRuntime runtime;

    @Test
    void aRenderJobFailsWithBlenderUnavailableRetryable() throws Exception {
        try (KafkaJobs kafka = new KafkaJobs()) {
            RenderJob job = TestJobs.orderLineJob(TestJobs.id("no-blender"), JobType.STILL, TestJobs.id("ol"), null,
                    TestJobs.tiny(), Map.of("step_path", TestJobs.stageSampleStep()), null, null);

            assertEquals(JobProcessor.Outcome.FAILED, runtime.processor().process(job, Instant.now(),
                    new ChildProcess.Cancellation()).outcome());

            RenderEvent failed = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
            assertEquals(RenderEventType.FAILED, failed.eventType());
            assertEquals(FailureCode.BLENDER_UNAVAILABLE, failed.failure().code());
            assertTrue(failed.failure().retryable(), "another replica with Blender can take it");
            assertTrue(failed.failure().message().contains("/nonexistent/blender"), failed.failure().message());
        }
    }

    @Test
    void readinessIsDownWithAClearReasonWhenBlenderIsMissing() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Blender' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Blender' }.data.reason", containsString("/nonexistent/blender"))
                .body("checks.find { it.name == 'render.jobs consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'render.jobs consumer' }.data.consume", equalTo(false));
        given().when().get("/api/render-workers/self").then().statusCode(200)
                .body("blender.available", equalTo(false))
                .body("blender.reason", containsString("not found or not executable"));
    }
}
