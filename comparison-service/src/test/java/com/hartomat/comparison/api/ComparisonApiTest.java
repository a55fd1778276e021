package com.hartomat.comparison.api;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.hartomat.comparison.support.Requests;
import com.hartomat.comparison.support.TestImages;
import com.hartomat.comparison.support.TopicTap;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reference's five {@code /runs/{id}/comparison} cases and the list, over HTTP against the running service; each
 * comparison arrives as a request on the real {@code comparison.requests.v1} topic.
 */
@QuarkusTest
class ComparisonApiTest {

    @Test
    void reportsIdenticalShadowOutput() throws Exception {
        String run = Requests.id();
        String dir = "comparison/" + run + "/";
        String shadow = dir + "authoritative_shadow-" + run.substring(0, 8) + ".png";
        TestImages.png(Requests.root().resolve(dir + "authoritative.png"), TestImages.rgba(8, 8, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve(shadow), TestImages.rgba(8, 8, 0, 128, 255, 255));
        compared(Requests.still(run, "ot-api", dir + "authoritative.png", shadow))
                .body("workflow_run_id", equalTo(run))
                .body("execution_mode", equalTo("shadow"))
                .body("status", equalTo("matched"))
                .body("exact_match", equalTo(true))
                .body("dimensions_match", equalTo(true))
                .body("mean_pixel_delta", equalTo(0.0f))
                .body("authoritative_output.path", equalTo(dir + "authoritative.png"))
                .body("observer_output.path", equalTo(shadow))
                .body("authoritative_output.image_width", equalTo(8))
                .body("observer_output.image_height", equalTo(8))
                .body("authoritative_output.exists", equalTo(true))
                .body("authoritative_output.sha256", notNullValue())
                .body("authoritative_output.size_bytes", notNullValue())
                .body("verdict.verdict", equalTo("pass"))
                .body("verdict.status", equalTo("ready_for_rollout"))
                .body("diff_image_path", nullValue());
    }

    @Test
    void reportsMetadataOnlyDifferenceAsMatched() throws Exception {
        String run = Requests.id();
        String dir = "comparison-metadata/" + run + "/";
        String shadow = dir + "authoritative_shadow-" + run.substring(0, 8) + ".png";
        BufferedImage image = TestImages.rgba(8, 8, 0, 128, 255, 255);
        TestImages.pngWithText(Requests.root().resolve(dir + "authoritative.png"), image, "Date", "2026-04-07 10:38:23");
        TestImages.pngWithText(Requests.root().resolve(shadow), image, "Date", "2026-04-07 10:40:45");
        compared(Requests.still(run, "ot-api", dir + "authoritative.png", shadow))
                .body("status", equalTo("matched"))
                .body("exact_match", equalTo(false))
                .body("dimensions_match", equalTo(true))
                .body("mean_pixel_delta", equalTo(0.0f))
                .body("summary", equalTo(
                        "Observer output matches the authoritative legacy output within the visual pass threshold."));
    }

    @Test
    void reportsMissingShadowOutput() throws Exception {
        String run = Requests.id();
        String dir = "comparison-missing/" + run + "/";
        TestImages.png(Requests.root().resolve(dir + "authoritative.png"), TestImages.rgba(4, 4, 255, 64, 64, 255));
        ComparisonRequest request = Requests.still(run, "ot-api", dir + "authoritative.png",
                dir + "authoritative_shadow-" + run.substring(0, 8) + ".png");
        compared(request)
                .body("status", equalTo("missing_observer"))
                .body("exact_match", nullValue())
                .body("observer_output.exists", equalTo(false))
                .body("authoritative_output.exists", equalTo(true))
                .body("summary", equalTo("Observer workflow output is missing."))
                .body("verdict.verdict", equalTo("fail"));
    }

    @Test
    void findsShadowOutputInTheStepFilesRenderDir() throws Exception {
        String run = Requests.id();
        String line = Requests.id();
        String authoritative = "comparison-step-files/" + line + "/authoritative.png";
        String shadow = "step_files/renders/" + line + "/line_" + line + "_shadow-" + run.substring(0, 8) + ".png";
        TestImages.png(Requests.root().resolve(authoritative), TestImages.rgba(12, 12, 32, 160, 255, 255));
        TestImages.png(Requests.root().resolve(shadow), TestImages.rgba(12, 12, 32, 160, 255, 255));
        compared(Requests.still(run, "ot-api", authoritative, shadow))
                .body("status", equalTo("matched"))
                .body("observer_output.exists", equalTo(true))
                .body("observer_output.path", equalTo(shadow));
    }

    @Test
    void treatsNearZeroVisualDeltaAsMatch() throws Exception {
        String run = Requests.id();
        String dir = "comparison-near-zero/" + run + "/";
        String shadow = dir + "line_shadow-" + run.substring(0, 8) + ".png";
        TestImages.png(Requests.root().resolve(dir + "authoritative.png"), TestImages.rgba(1024, 1024, 106, 106, 106, 255));
        BufferedImage observer = TestImages.rgba(1024, 1024, 106, 106, 106, 255);
        observer.setRGB(444, 137, (255 << 24) | (106 << 16) | (106 << 8) | 107);
        observer.setRGB(651, 142, (255 << 24) | (105 << 16) | (106 << 8) | 106);
        TestImages.png(Requests.root().resolve(shadow), observer);
        compared(Requests.still(run, "ot-api", dir + "authoritative.png", shadow))
                .body("status", equalTo("matched"))
                .body("exact_match", equalTo(false))
                .body("dimensions_match", equalTo(true))
                .body("mean_pixel_delta", notNullValue())
                .body("mean_pixel_delta", lessThanOrEqualTo(1e-6f))
                .body("diff_image_path", equalTo("comparisons/" + run + "/diff.png"))
                .body("verdict.reasons[0]", containsString("pass threshold"));
    }

    @Test
    void dimensionMismatchIsReportedAndFails() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("dims/" + run + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.png(Requests.root().resolve("dims/" + run + "/b.png"), TestImages.rgba(16, 8, 1, 2, 3, 255));
        compared(Requests.still(run, "ot-api", "dims/" + run + "/a.png", "dims/" + run + "/b.png"))
                .body("status", equalTo("dimension_mismatch"))
                .body("dimensions_match", equalTo(false))
                .body("observer_output.image_width", equalTo(16))
                .body("verdict.verdict", equalTo("fail"));
    }

    @Test
    void eachBadInputIsAFailedComparisonNeverA5xx() throws Exception {
        String run = Requests.id();
        String dir = "bad/" + run + "/";
        TestImages.png(Requests.root().resolve(dir + "a.png"), TestImages.noise(32, 32, 1, true));
        TestImages.png(Requests.root().resolve(dir + "full.png"), TestImages.noise(32, 32, 2, true));
        TestImages.truncated(Requests.root().resolve(dir + "full.png"), Requests.root().resolve(dir + "cut.png"), 0.5);
        TestImages.jpeg(Requests.root().resolve(dir + "b.jpg"), TestImages.noise(32, 32, 1, false));
        TestImages.bomb(Requests.root().resolve(dir + "bomb.png"), 100_000, 100_000);
        Files.writeString(Requests.root().resolve(dir + "garbage.png"), "not an image at all");
        String[][] cases = {{"cut.png", "cannot be decoded"}, {"b.jpg", "mismatched formats"},
            {"bomb.png", "decompression bomb"}, {"garbage.png", "neither a PNG nor a JPEG"}};
        for (String[] c : cases) {
            String caseRun = Requests.id();
            compared(Requests.still(caseRun, "ot-bad-input", dir + "a.png", dir + c[0]))
                    .body("status", equalTo("failed"))
                    .body("failure_reason", containsString(c[1]))
                    .body("summary", startsWith("Comparison failed: "))
                    .body("verdict.verdict", equalTo("fail"));
        }
    }

    @Test
    void aRunNeitherStoredNorKnownToDispatchIs404WithAStableCode() {
        given().get("/api/workflows/runs/{id}/comparison", Requests.id()).then().statusCode(404)
                .body("code", equalTo("workflow_run_not_found"))
                .body("message", containsString("does not exist in dispatch-service"))
                .body("path", equalTo("/id"));
    }

    @Test
    void listsComparisonsFilteredAndPaged() throws Exception {
        String outputType = Requests.id();
        String workflow = Requests.id();
        String[] runs = {Requests.id(), Requests.id(), Requests.id()};
        for (int i = 0; i < runs.length; i++) {
            String dir = "list/" + runs[i] + "/";
            TestImages.png(Requests.root().resolve(dir + "a.png"), TestImages.rgba(8, 8, 0, 128, 255, 255));
            TestImages.png(Requests.root().resolve(dir + "b.png"), TestImages.rgba(8, 8, 0, i == 2 ? 129 : 128, 255, 255));
            compared(Requests.still(runs[i], outputType, workflow, dir + "a.png", dir + "b.png"));
        }
        given().get("/api/comparisons?output_type_id={ot}&page_size=2", outputType).then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).body("page", equalTo(1)).body("page_size", equalTo(2));
        given().get("/api/comparisons?output_type_id={ot}&page_size=2&page=2", outputType).then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(1));
        given().get("/api/comparisons?output_type_id={ot}&verdict=warn", outputType).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].workflow_run_id", equalTo(runs[2]));
        given().get("/api/comparisons?workflow_id={wf}&verdict=pass", workflow).then().statusCode(200)
                .body("total", equalTo(2)).body("items.verdict.verdict", everyItem(equalTo("pass")));
        given().get("/api/comparisons?verdict=maybe").then().statusCode(400)
                .body("code", equalTo("invalid_verdict")).body("path", equalTo("/verdict"));
        given().get("/api/comparisons?page=0").then().statusCode(400)
                .body("code", equalTo("invalid_page")).body("path", equalTo("/page"));
    }

    @Test
    void aDeltaWithinTheRecordedNoiseFloorPassesAndTheFloorIsShown() throws Exception {
        String outputType = Requests.id();
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.002, \"samples\": 5, \"source\": \"A/A renders\"}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(200)
                .body("output_type_id", equalTo(outputType)).body("mean_pixel_delta", equalTo(0.002f));
        String run = Requests.id();
        String dir = "noisy/" + run + "/";
        TestImages.png(Requests.root().resolve(dir + "a.png"), TestImages.rgba(16, 16, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve(dir + "b.png"), TestImages.rgba(16, 16, 0, 129, 255, 255));
        compared(Requests.still(run, outputType, dir + "a.png", dir + "b.png"))
                .body("status", equalTo("matched"))
                .body("summary", equalTo("Observer output matches the authoritative legacy output within the measured noise floor."))
                .body("verdict.verdict", equalTo("pass"))
                .body("verdict.within_noise_floor", equalTo(true))
                .body("verdict.noise_floor", equalTo(0.002f))
                .body("verdict.reasons[0]", containsString("not a regression"))
                .body("noise_floor.samples", equalTo(5))
                .body("noise_floor.source", equalTo("A/A renders"));
        given().get("/api/comparisons/noise-floors").then().statusCode(200)
                .body("find { it.output_type_id == '" + outputType + "' }.mean_pixel_delta", equalTo(0.002f));
    }

    @Test
    void aNoiseFloorOutOfRangeIsRefusedWithItsPath() {
        String outputType = Requests.id();
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 3}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(422)
                .body("code", equalTo("invalid_noise_floor")).body("path", equalTo("/mean_pixel_delta"));
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": \"lots\"}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo("/mean_pixel_delta"));
        given().contentType(ContentType.JSON).body("{\"samples\": 2}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(422)
                .body("code", equalTo("missing_field"));
    }

    /**
     * A number or boolean where a string is expected is refused with the value's path (api-errors' StrictJson), not
     * stored as its text: a noise floor's {@code source}, a calibration's ids, before dispatch-service is asked.
     */
    @Test
    void aNumberOrBooleanWhereAStringIsExpectedIsAMalformedBodyAtItsPath() {
        String outputType = Requests.id();
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.01, \"source\": 123}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo("/source"))
                .body("message", equalTo("source must be a string"));
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.01, \"source\": true}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo("/source"))
                .body("message", equalTo("source must be a string"));
        given().get("/api/comparisons/noise-floors").then().statusCode(200)
                .body("findAll { it.output_type_id == '" + outputType + "' }", hasSize(0));
        given().contentType(ContentType.JSON).body("{\"output_type_id\": \"" + outputType + "\", \"order_line_id\": 42, "
                + "\"runs\": 3}").post("/api/comparisons/calibrations").then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo("/order_line_id"))
                .body("message", equalTo("order_line_id must be a string"));
    }

    @Test
    void theOpenApiDocumentDescribesTheResponsesInSnakeCase() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/workflows/runs/{id}/comparison'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ComparisonView"))
                .body("components.schemas.ComparisonView.properties.mean_pixel_delta", notNullValue())
                .body("components.schemas.OutputView.properties.image_width", notNullValue())
                .body("components.schemas.ComparisonPage.properties.page_size", notNullValue());
    }

    /** Publishes the request and waits until the service has stored its comparison; the GET's response. */
    static ValidatableResponse compared(ComparisonRequest request) throws Exception {
        TopicTap.send(Topics.COMPARISON_REQUESTS.topic(), request.workflowRunId(),
                Topics.COMPARISON_REQUESTS.encode(request));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .get("/api/workflows/runs/{id}/comparison", request.workflowRunId()).statusCode() == 200);
        return given().get("/api/workflows/runs/{id}/comparison", request.workflowRunId()).then().statusCode(200)
                .contentType(ContentType.JSON).body("computed_on_demand", equalTo(false));
    }
}
