package com.hartomat.worker.it;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkerStatusTest {

    @Test
    void readinessIncludesBlenderUpWithItsVersion() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Blender"))
                .body("checks.find { it.name == 'Blender' }.data.version", startsWith("3."));
    }

    @Test
    void metricsCountJobsByTypeAndOutcome() {
        try (KafkaJobs kafka = new KafkaJobs()) {
            RenderJob job = TestJobs.cadJob(TestJobs.id("metric"), JobType.OCC_OBJECT_EXTRACT, "metric-cad", Map.of(),
                    Map.of("step_path", TestJobs.stageSampleStep()));
            kafka.send(job);
            kafka.awaitOutcome(job.jobId());
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "render_worker_jobs_total{failure_code=\"none\",job_type=\"occ_object_extract\",outcome=\"completed\"}"));
    }

    @Test
    void selfShowsVersionCapacityAndTheCurrentJobWithItsProgressAndItsOffsetIsCommittedOnlyAfterTheOutcome() {
        given().when().get("/api/render-workers/self").then().statusCode(200)
                .body("worker_id", notNullValue())
                .body("version", notNullValue())
                .body("blender.available", equalTo(true))
                .body("capacity.concurrency", equalTo(1));

        try (KafkaJobs kafka = new KafkaJobs()) {
            String glb = TestJobs.sampleGlb(kafka);
            RenderJob job = TestJobs.orderLineJob(TestJobs.id("status"), JobType.TURNTABLE, TestJobs.id("ol"), null,
                    TestJobs.tiny("frame_count", 24, "samples", 8), Map.of("glb_path", glb), null, null);
            var record = kafka.send(job);

            JsonPath seen = null;
            Instant deadline = Instant.now().plusSeconds(120);
            while (seen == null && Instant.now().isBefore(deadline)) {
                JsonPath self = given().when().get("/api/render-workers/self").then().statusCode(200).extract().jsonPath();
                if (job.jobId().equals(self.getString("current_job.job_id")) && self.get("current_job.progress.frame") != null) {
                    seen = self;
                }
            }
            assertTrue(seen != null, "the running job showed up with progress");
            assertEquals("turntable", seen.getString("current_job.job_type"));
            assertEquals(24, seen.getInt("current_job.progress.frame_count"));
            assertEquals(1, seen.getInt("capacity.busy"));
            assertTrue(KafkaJobs.committedOffset(record.partition()) <= record.offset(),
                    "the running job's offset is not committed before its outcome");

            kafka.awaitOutcome(job.jobId());
            Instant until = Instant.now().plusSeconds(60);
            while (KafkaJobs.committedOffset(record.partition()) <= record.offset() && Instant.now().isBefore(until)) {
                Thread.onSpinWait();
            }
            assertTrue(KafkaJobs.committedOffset(record.partition()) > record.offset(), "committed once the outcome is out");
        }
    }
}
