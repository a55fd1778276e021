package com.hartomat.comparison.messaging;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.comparison.support.HoldingIntake;
import com.hartomat.comparison.support.Requests;
import com.hartomat.comparison.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Its own application boot, where SmallRye stops the consumer for good once a record waits more than a second for its
 * acknowledgement: readiness must then say DOWN, naming the channel.
 */
@QuarkusTest
@TestProfile(ConsumerStopTest.Overrides.class)
class ConsumerStopTest {

    public static class Overrides implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.comparison-requests.throttled.unprocessed-record-max-age.ms", "1000",
                    "hartomat.consumers.group-id", "comparison-service-stop-test");
        }
    }

    @Test
    void readinessIsDownWhileTheConsumerHasStopped() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        String ready = given().get("/q/health/ready").then().extract().asString();
        assertTrue(ready.contains("comparison-requests"), "the consumer's channel is part of readiness: " + ready);

        String run = Requests.id();
        TestImages.png(Requests.root().resolve("stop/" + run + "/a.png"), TestImages.rgba(4, 4, 1, 2, 3, 255));
        HoldingIntake.hold(run);
        try {
            ComparisonRequestsTest.send(Requests.still(run, "ot-stop", "stop/" + run + "/a.png", "stop/" + run + "/a.png"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            JsonPath body = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertEquals("DOWN", body.getString("status"));
            assertTrue(body.prettify().contains("comparison-requests"), body.prettify());
        } finally {
            HoldingIntake.release(run);
        }
    }
}
