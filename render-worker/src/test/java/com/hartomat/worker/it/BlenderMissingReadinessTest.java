package com.hartomat.worker.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void readinessIsDownWithAClearReasonWhenBlenderIsMissing() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Blender' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Blender' }.data.reason", containsString("/nonexistent/blender"));
        given().when().get("/api/render-workers/self").then().statusCode(200)
                .body("blender.available", equalTo(false))
                .body("blender.reason", containsString("not found or not executable"));
    }
}
