package com.hartomat.comparison.api;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.comparison.support.FakeDispatch;
import com.hartomat.comparison.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Ids that are not UUIDs, in a path or a query parameter: 400 {@code invalid_id} with the parameter's pointer, before
 * any lookup or call to dispatch-service, and a message that repeats at most 64 characters of what was sent.
 */
@QuarkusTest
class BadIdsTest {

    static final String LONG_ID = "x".repeat(3000);

    @Test
    void aRunIdThatIsNotAUuidIs400BeforeDispatchIsAsked() {
        given().get("/api/workflows/runs/{id}/comparison", "bad").then().statusCode(400)
                .body("code", equalTo("invalid_id"))
                .body("message", equalTo("'bad' is not a valid id (UUID expected)"))
                .body("path", equalTo("/id"));
        assertEquals(0, FakeDispatch.requests("workflows/runs/bad"), "dispatch-service is not asked about a bad id");
        given().get("/api/workflows/runs/{id}/comparison", Requests.id() + "0").then().statusCode(400)
                .body("code", equalTo("invalid_id"));
    }

    @Test
    void aLongRunIdIs400AndItsMessageRepeatsOnlyTheStartOfIt() {
        given().get("/api/workflows/runs/{id}/comparison", LONG_ID).then().statusCode(400)
                .body("code", equalTo("invalid_id"))
                .body("message", equalTo("'" + "x".repeat(64) + "…' is not a valid id (UUID expected)"))
                .body("path", equalTo("/id"));
        assertEquals(0, FakeDispatch.requests("workflows/runs/" + LONG_ID));
    }

    @Test
    void theImagesOfARunWhoseIdIsNotAUuidAre400() {
        for (String side : new String[] {"authoritative", "observer", "diff"}) {
            given().get("/api/workflows/runs/{id}/comparison/images/{side}", "bad", side).then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("code", equalTo("invalid_id")).body("path", equalTo("/id"));
        }
        given().get("/api/workflows/runs/{id}/comparison/images/observer", LONG_ID).then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("message.length()", lessThan(120));
        // a well-formed id without a stored comparison is still 404
        given().get("/api/workflows/runs/{id}/comparison/images/observer", Requests.id()).then().statusCode(404)
                .body("code", equalTo("comparison_not_found"));
    }

    @Test
    void aNoiseFloorForAnOutputTypeIdThatIsNotAUuidIs400AndNotStored() {
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.01}")
                .put("/api/comparisons/noise-floors/{ot}", "bad").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/output_type_id"));
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.01}")
                .put("/api/comparisons/noise-floors/{ot}", LONG_ID).then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("message", startsWith("'" + "x".repeat(64) + "…'"));
        given().get("/api/comparisons/noise-floors").then().statusCode(200)
                .body("output_type_id", not(hasItem("bad")));
        String outputType = Requests.id();
        given().contentType(ContentType.JSON).body("{\"mean_pixel_delta\": 0.01}")
                .put("/api/comparisons/noise-floors/{ot}", outputType).then().statusCode(200)
                .body("output_type_id", equalTo(outputType));
    }

    @Test
    void listFiltersThatAreNotUuidsAre400WithTheParameterAsPath() {
        given().get("/api/comparisons?output_type_id=bad").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/output_type_id"));
        given().get("/api/comparisons?workflow_id=bad").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/workflow_id"));
        given().get("/api/comparisons?workflow_id={wf}", LONG_ID).then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("message.length()", lessThan(120));
        given().get("/api/comparisons?output_type_id={ot}&workflow_id={wf}", Requests.id(), Requests.id())
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aCalibrationIdIsRefusedLikeTheOthers() {
        given().get("/api/comparisons/calibrations/{id}", LONG_ID).then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/id"))
                .body("message", equalTo("'" + "x".repeat(64) + "…' is not a valid id (UUID expected)"));
    }
}
