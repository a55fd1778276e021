package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A/A calibration renders against the real PostgreSQL and Kafka: the order line is rendered {@code runs} times by
 * legacy without publishing, and once every render ended, render 0 is sent for comparison with each other render.
 */
@QuarkusTest
class CalibrationRendersTest extends LifecycleTestBase {

    static ValidatableResponse start(String outputTypeId, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/rollout/output-types/" + outputTypeId + "/calibration-renders").then();
    }

    static Map<String, Object> body(String calibrationId, String orderLineId, Object runs) {
        Map<String, Object> body = new HashMap<>();
        body.put("calibration_id", calibrationId);
        body.put("order_line_id", orderLineId);
        body.put("runs", runs);
        body.put("requested_by", "ops@hartomat");
        return body;
    }

    @Test
    void threeSilentLegacyRendersThenTwoPairsForComparisonOnce() {
        String ot = fx.outputType(null, "still_image", null);
        Line line = fx.renderableLine(ot);
        String calibration = Fixtures.id();

        List<String> jobIds = start(ot, body(calibration, line.orderLineId(), 3)).statusCode(202)
                .body("calibration_id", equalTo(calibration)).body("runs", equalTo(3)).body("job_ids", hasSize(3))
                .extract().path("job_ids");
        start(ot, body(calibration, line.orderLineId(), 3)).statusCode(200).body("job_ids", equalTo(jobIds));
        start(ot, body(calibration, line.orderLineId(), 4)).statusCode(409).body("code", equalTo("calibration_id_in_use"))
                .body("path", equalTo("/calibration_id"));

        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 3);
        assertEquals(3, jobs.size(), "one render per run, however often the calibration was asked for");
        for (int i = 0; i < 3; i++) {
            RenderJob job = jobs.get(i);
            assertEquals(jobIds.get(i), job.jobId());
            assertEquals(JobType.LEGACY_RENDER, job.jobType());
            assertFalse(job.publishAssetEnabled());
            assertEquals("calibration-" + calibration.substring(0, 8) + "-" + i, job.outputNameSuffix());
        }

        for (int i = 0; i < 3; i++) {
            lifecycle.apply(events.started(jobIds.get(i))).await().indefinitely();
        }
        lifecycle.apply(events.completed(jobIds.get(0), List.of(LifecycleFixtures.still(line.orderLineId(),
                "_calibration-0")), Map.of())).await().indefinitely();
        lifecycle.apply(events.completed(jobIds.get(1), List.of(LifecycleFixtures.still(line.orderLineId(),
                "_calibration-1")), Map.of())).await().indefinitely();
        assertTrue(com.hartomat.dispatch.support.Topics.settled(Topics.COMPARISON_REQUESTS,
                "calibration:" + calibration + ":1").isEmpty(), "no pair before every render ended");
        var last = events.completed(jobIds.get(2), List.of(LifecycleFixtures.still(line.orderLineId(), "_calibration-2")),
                Map.of());
        lifecycle.apply(last).await().indefinitely();
        lifecycle.apply(last).await().indefinitely(); // redelivered

        for (int i = 1; i <= 2; i++) {
            List<ComparisonRequest> pair = com.hartomat.dispatch.support.Topics.settled(Topics.COMPARISON_REQUESTS,
                    "calibration:" + calibration + ":" + i);
            assertEquals(1, pair.size(), "pair " + i + " is sent once");
            ComparisonRequest request = pair.get(0);
            assertTrue(request.calibrates());
            assertEquals(calibration, request.calibration().calibrationId());
            assertEquals(i, request.calibration().index());
            assertEquals(3, request.calibration().runs());
            assertEquals(ot, request.outputTypeId());
            assertEquals(line.orderLineId(), request.orderLineId());
            assertTrue(request.authoritative().path().endsWith("_calibration-0.png"), request.authoritative().path());
            assertTrue(request.observer().path().endsWith("_calibration-" + i + ".png"), request.observer().path());
        }

        assertEquals(0L, ((Number) fx.scalar("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId())).longValue(), "a calibration publishes nothing");
        assertEquals(0L, ((Number) fx.scalar("SELECT count(*) FROM notifications WHERE order_line_id = ?::uuid",
                line.orderLineId())).longValue());
        assertEquals("pending", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid", line.orderLineId()));
    }

    @Test
    void badRequestsAreRefusedWithTheirPath() {
        String ot = fx.outputType(null, "still_image", null);
        Line line = fx.renderableLine(ot);

        start(ot, body(Fixtures.id(), line.orderLineId(), 1)).statusCode(422).body("code", equalTo("invalid_runs"))
                .body("path", equalTo("/runs"));
        start(ot, body(Fixtures.id(), line.orderLineId(), 11)).statusCode(422).body("code", equalTo("invalid_runs"));
        start(ot, body(Fixtures.id(), line.orderLineId(), null)).statusCode(422).body("path", equalTo("/runs"));
        start(ot, body("not-a-uuid", line.orderLineId(), 3)).statusCode(400).body("code", equalTo("invalid_id"))
                .body("path", equalTo("/calibration_id"));
        start(ot, body(Fixtures.id(), Fixtures.id(), 3)).statusCode(404).body("code", equalTo("order_line_not_found"));
        start(fx.outputType(null, "still_image", null), body(Fixtures.id(), line.orderLineId(), 3)).statusCode(422)
                .body("code", equalTo("order_line_output_type_mismatch")).body("path", equalTo("/order_line_id"));
    }

    @Test
    void theRequesterIsTheCallerUnlessTheComparisonServiceRelaysForAUser() {
        String ot = fx.outputType(null, "still_image", null);
        Line line = fx.renderableLine(ot);
        String byAlice = Fixtures.id();
        String relayed = Fixtures.id();

        // an operator calling directly cannot name someone else
        Map<String, Object> forged = body(byAlice, line.orderLineId(), 2);
        forged.put("requested_by", "mallory");
        givenToken(TestTokens.token("alice", "operator")).header("X-Actor", "mallory").contentType(ContentType.JSON)
                .body(forged).post("/api/rollout/output-types/" + ot + "/calibration-renders").then().statusCode(202);
        assertEquals("alice", fx.scalar("SELECT requested_by FROM dispatch.calibrations WHERE id = ?::uuid", byAlice));

        // comparison-service's own identity relays the user whose token it verified
        Map<String, Object> forBob = body(relayed, line.orderLineId(), 2);
        forBob.put("requested_by", "bob");
        givenToken(TestTokens.token("service:comparison-service", "operator")).contentType(ContentType.JSON)
                .body(forBob).post("/api/rollout/output-types/" + ot + "/calibration-renders").then().statusCode(202);
        assertEquals("bob", fx.scalar("SELECT requested_by FROM dispatch.calibrations WHERE id = ?::uuid", relayed));
    }
}
