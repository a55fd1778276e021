package com.hartomat.dispatch.messaging;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonMetrics;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.Verdict;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.ScriptedInboundHandlers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Its own application boot: the consumers switched off by {@code hartomat.consumers.enabled=false} except render
 * events, whose consumer SmallRye stops for good once a record waits longer than a second for its acknowledgement.
 */
@QuarkusTest
@TestProfile(ConsumerStopTest.Overrides.class)
class ConsumerStopTest {

    public static class Overrides implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hartomat.consumers.enabled", "false",
                    "mp.messaging.incoming.render-events.enabled", "true",
                    "mp.messaging.incoming.render-events.throttled.unprocessed-record-max-age.ms", "1000");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void theConsumersSwitchLeavesTheirTopicsUnconsumed() throws Exception {
        String run = Fixtures.id();
        ComparisonVerdict verdict = new ComparisonVerdict(Fixtures.id(), run, null, null, null, Verdict.PASS,
                "ready_for_rollout", "matched", true, true, true, new ComparisonMetrics(true, true, 0.0, 1),
                List.of(), null, Instant.now());
        ConsumerTransportTest.send(List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(
                Topics.COMPARISON_VERDICTS.topic(), run, Topics.COMPARISON_VERDICTS.encode(verdict))));
        Thread.sleep(3000);
        assertEquals(null, new Fixtures(db).scalar("SELECT verdict FROM shadow_verdicts WHERE workflow_run_id = ?", run));
        String readiness = given().get("/q/health/ready").then().extract().asString();
        assertEquals(false, readiness.contains("comparison-verdicts") || readiness.contains("registry-changes"), readiness);
    }

    @Test
    void readinessIsDownWhileAConsumerHasStopped() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);

        RenderEvent event = ConsumerTransportTest.renderEvent(Fixtures.id(), RenderEventType.STARTED);
        ScriptedInboundHandlers.hold(event.eventId());
        try {
            ConsumerTransportTest.send(List.of(ConsumerTransportTest.renderEventRecord(event)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            JsonPath body = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            System.out.println("readiness with a stopped consumer: " + body.prettify());
            assertEquals("DOWN", body.getString("status"));
        } finally {
            ScriptedInboundHandlers.release(event.eventId());
        }
    }
}
