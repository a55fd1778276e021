package com.hartomat.comparison.calibration;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenToken;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.comparison.support.FakeDispatch;
import com.hartomat.comparison.support.Requests;
import com.hartomat.comparison.support.TestImages;
import com.hartomat.comparison.support.TopicTap;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.deploy.local.auth.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An output type's A/A calibration: requested over HTTP (dispatch-service stands in on a real port and queues the
 * renders), its pairs arriving on the real {@code comparison.requests.v1} as dispatch sends them, the noise floor
 * stored in the real PostgreSQL and used by the next shadow verdict of that output type.
 */
@QuarkusTest
class CalibrationApiTest {

    static final String REQUESTS = Topics.COMPARISON_REQUESTS.topic();

    static JsonPath request(String outputTypeId, String orderLineId, Integer runs, int status) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("output_type_id", outputTypeId);
        body.put("order_line_id", orderLineId);
        body.put("runs", runs);
        // who asked is the token's subject; the X-Actor header and a body requested_by are not trusted
        body.put("requested_by", "someone-else");
        return givenToken(TestTokens.token("ops@hartomat", "operator")).contentType(ContentType.JSON)
                .header("X-Actor", "someone-else").body(body)
                .post("/api/comparisons/calibrations").then().statusCode(status).extract().jsonPath();
    }

    /** Render {@code index} of the calibration, as the worker would have written it under the line's directory. */
    static String render(String calibration, String line, int index, int green) {
        String path = "renders/" + line + "/line_" + line + "_calibration-" + calibration.substring(0, 8) + "-" + index
                + ".png";
        TestImages.png(Requests.root().resolve(path), TestImages.rgba(32, 32, 40, green, 200, 255));
        return path;
    }

    static void pair(String calibration, String line, String ot, int index, int runs, String first, String other)
            throws Exception {
        ComparisonRequest request = new ComparisonRequest(Requests.id(), ComparisonRequest.KIND_CALIBRATION,
                new ComparisonRequest.Calibration(calibration, index, runs), "calibration:" + calibration + ":" + index,
                line, ot, null, "still_image", Requests.artifact(first), Requests.artifact(other), List.of(), List.of(),
                null, null, Instant.now());
        TopicTap.send(REQUESTS, request.workflowRunId(), Topics.COMPARISON_REQUESTS.encode(request));
    }

    static JsonPath awaitStatus(String calibration, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(given().get("/api/comparisons/calibrations/" + calibration).then().extract()
                        .path("status")));
        return given().get("/api/comparisons/calibrations/" + calibration).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void threeRendersGiveTheOutputTypeItsNoiseFloorWhichTheNextVerdictUses() throws Exception {
        String ot = "ot-cal-" + Requests.id().substring(0, 8);
        String line = Requests.id();
        FakeDispatch.calibrationLine(ot, line);

        JsonPath started = request(ot, line, 3, 202);
        String calibration = started.getString("id");
        assertEquals("rendering", started.getString("status"));
        assertEquals(3, started.getList("job_ids").size());
        assertEquals("ops@hartomat", started.getString("requested_by"));
        Map<String, Object> asked = FakeDispatch.CALIBRATIONS_ASKED.get(calibration);
        assertEquals(line, asked.get("order_line_id"));
        assertEquals(3, ((Number) asked.get("runs")).intValue());

        // render noise: render 1 is one level off in one channel, render 2 two levels
        String first = render(calibration, line, 0, 100);
        pair(calibration, line, ot, 1, 3, first, render(calibration, line, 1, 101));
        given().get("/api/comparisons/calibrations/" + calibration).then().statusCode(200)
                .body("status", equalTo("rendering"));
        String second = render(calibration, line, 2, 102);
        pair(calibration, line, ot, 2, 3, first, second);
        pair(calibration, line, ot, 2, 3, first, second); // redelivered

        JsonPath done = awaitStatus(calibration, "completed");
        double twoLevels = 2.0 / (4 * 255);
        assertEquals(twoLevels, done.getDouble("noise_floor"), 1e-9, "the largest A/A delta");
        assertEquals(2, done.getList("samples").size());
        assertTrue(done.getString("completed_at") != null);
        given().get("/api/comparisons/noise-floors").then().statusCode(200)
                .body("find { it.output_type_id == '" + ot + "' }.source", equalTo("calibration:" + calibration));

        // a shadow pair of this output type one level off: above the pass threshold, within the noise floor
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("renders/" + run + "/a.png"), TestImages.rgba(16, 16, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve("renders/" + run + "/b.png"), TestImages.rgba(16, 16, 0, 129, 255, 255));
        ComparisonRequest shadow = Requests.still(run, ot, "renders/" + run + "/a.png", "renders/" + run + "/b.png");
        TopicTap.send(REQUESTS, run, Topics.COMPARISON_REQUESTS.encode(shadow));
        ComparisonVerdict verdict = TopicTap.read(Topics.COMPARISON_VERDICTS.topic(), run, found -> !found.isEmpty(),
                Duration.ofSeconds(60)).stream().map(r -> Topics.COMPARISON_VERDICTS.decode(r.value())).findFirst()
                .orElseThrow();
        assertEquals(twoLevels, verdict.metrics().noiseFloor(), 1e-9, "the verdict carries the floor it used");
        assertTrue(String.join(" ", verdict.reasons()).contains("noise"), verdict.reasons().toString());
    }

    @Test
    void aFailedRenderLeavesTheCalibrationFailedAndTheFloorUntouched() throws Exception {
        String ot = "ot-cal-" + Requests.id().substring(0, 8);
        String line = Requests.id();
        FakeDispatch.calibrationLine(ot, line);
        String calibration = request(ot, line, 2, 202).getString("id");
        String first = render(calibration, line, 0, 100);
        ComparisonRequest failed = new ComparisonRequest(Requests.id(), ComparisonRequest.KIND_CALIBRATION,
                new ComparisonRequest.Calibration(calibration, 1, 2), "calibration:" + calibration + ":1", line, ot,
                null, "still_image", Requests.artifact(first), null, List.of(), List.of(), null,
                new ComparisonRequest.SideFailure("render_failed", "Blender said no"), Instant.now());
        TopicTap.send(REQUESTS, failed.workflowRunId(), Topics.COMPARISON_REQUESTS.encode(failed));

        JsonPath done = awaitStatus(calibration, "failed");
        assertTrue(done.getString("failure_reason").contains("render 1 failed: Blender said no"),
                done.getString("failure_reason"));
        given().get("/api/comparisons/noise-floors").then().statusCode(200)
                .body("findAll { it.output_type_id == '" + ot + "' }", hasSize(0));
    }

    @Test
    void aPairOfACalibrationNeverRequestedIsDeadLettered() throws Exception {
        String calibration = Requests.id();
        String first = render(calibration, "x", 0, 100);
        pair(calibration, "x", "ot-x", 1, 2, first, first);
        String reason = TopicTap.header(TopicTap.read(REQUESTS + ".dlq", "calibration:" + calibration + ":1",
                found -> !found.isEmpty(), Duration.ofSeconds(60)).get(0), "x-dlq-reason");
        assertTrue(reason.contains("unknown_calibration"), reason);
    }

    @Test
    void refusalsCarryACodeAndAPath() {
        String ot = "ot-cal-" + Requests.id().substring(0, 8);
        String line = Requests.id();
        FakeDispatch.calibrationLine(ot, line);

        assertEquals("invalid_runs", request(ot, line, 1, 422).getString("code"));
        given().contentType(ContentType.JSON).body(Map.of("output_type_id", ot, "order_line_id", line, "runs", 11))
                .post("/api/comparisons/calibrations").then().statusCode(422).body("code", equalTo("invalid_runs"))
                .body("path", equalTo("/runs"));
        given().contentType(ContentType.JSON).body(Map.of("order_line_id", line))
                .post("/api/comparisons/calibrations").then().statusCode(422).body("code", equalTo("missing_field"))
                .body("path", equalTo("/output_type_id"));
        // dispatch's refusals come back with dispatch's code
        given().contentType(ContentType.JSON).body(Map.of("output_type_id", ot, "order_line_id", Requests.id()))
                .post("/api/comparisons/calibrations").then().statusCode(404)
                .body("code", equalTo("order_line_not_found"));
        given().contentType(ContentType.JSON).body(Map.of("output_type_id", "ot-other", "order_line_id", line))
                .post("/api/comparisons/calibrations").then().statusCode(422)
                .body("code", equalTo("order_line_output_type_mismatch")).body("path", equalTo("/order_line_id"));
        given().get("/api/comparisons/calibrations/" + Requests.id()).then().statusCode(404)
                .body("code", equalTo("calibration_not_found"));
        given().get("/api/comparisons/calibrations/nope").then().statusCode(400).body("code", equalTo("invalid_id"));

        FakeDispatch.stopServer();
        try {
            given().contentType(ContentType.JSON).body(Map.of("output_type_id", ot, "order_line_id", line))
                    .post("/api/comparisons/calibrations").then().statusCode(503)
                    .body("code", equalTo("dispatch_unavailable")).body("message", not(containsString("Exception")));
        } finally {
            FakeDispatch.startServer();
            // the refused connections may have opened DispatchApi's breakers: later tests meet a dispatch that is up
            io.quarkus.arc.Arc.container().instance(io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.class).get()
                    .resetAll();
        }
    }
}
