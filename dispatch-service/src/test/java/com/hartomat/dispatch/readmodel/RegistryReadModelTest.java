package com.hartomat.dispatch.readmodel;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.dispatch.support.FakeRegistry;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.dispatch.support.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry read model: change events, ordering, REST fetch on a miss, the registry being down, dead letters. */
@QuarkusTest
class RegistryReadModelTest {

    @Inject
    AgroalDataSource db;

    @Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @Test
    void anOlderVersionArrivingLateDoesNotOverwriteANewerOne() {
        String wf = Fixtures.id();
        fx.publishWorkflow(wf, 2, Graphs.still("shadow"), true);
        fx.publishWorkflow(wf, 3, Graphs.still("graph"), true);
        Topics.produce(com.hartomat.contracts.codec.Topics.REGISTRY_CHANGES, wf, new RegistryChange(Fixtures.id(),
                RegistryChange.WORKFLOW_DEFINITION, wf, RegistryChange.UPSERT, 1, java.time.Instant.now(),
                Map.of("id", wf, "config", Map.of("version", 1), "is_active", false)));
        String marker = Fixtures.id();
        fx.publishWorkflow(marker, 1, Graphs.still("graph"), true);

        assertEquals(3L, fx.version(RegistryChange.WORKFLOW_DEFINITION, wf));
        assertEquals("graph", fx.scalar("SELECT state -> 'config' -> 'ui' ->> 'execution_mode' FROM registry_entities "
                + "WHERE entity_id = ?", wf));
    }

    @Test
    void aDeletedWorkflowSendsItsOutputTypeBackToLegacy() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        fx.publish(RegistryChange.WORKFLOW_DEFINITION, wf, 2, null);

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("backend", equalTo("legacy")).body("rollout_gate_status", equalTo("workflow_unavailable"));
    }

    @Test
    void aMissIsFetchedFromTheRegistryAndKept() {
        String wf = Fixtures.id();
        String ot = Fixtures.id();
        FakeRegistry.put("workflows", wf, Map.of("id", wf, "version", 1, "is_active", true,
                "config", Fixtures.JSON.convertValue(Graphs.still("graph"), Map.class)));
        FakeRegistry.put("output-types", ot, Map.of("id", ot, "workflow_definition_id", wf, "render_settings", Map.of()));
        Line line = fx.renderableLine(ot);

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("backend", equalTo("workflow_graph"));

        assertEquals("rest", fx.scalar("SELECT source FROM registry_entities WHERE entity_id = ?", ot));
        assertEquals("rest", fx.scalar("SELECT source FROM registry_entities WHERE entity_id = ?", wf));
    }

    @Test
    void dispatchKeepsDecidingForKnownDefinitionsWhileTheRegistryIsDown() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line known = fx.renderableLine(ot);
        Line unknown = fx.renderableLine(Fixtures.id());
        FakeRegistry.stopServer();
        try {
            given().post("/api/order-lines/" + known.orderLineId() + "/dispatch").then().statusCode(200)
                    .body("backend", equalTo("workflow_graph"))
                    .body("rollout_gate_status", equalTo("graph_authoritative"));
            given().post("/api/order-lines/" + unknown.orderLineId() + "/dispatch").then().statusCode(200)
                    .body("backend", equalTo("legacy"))
                    .body("rollout_gate_status", equalTo("output_type_unknown"));
        } finally {
            FakeRegistry.startServer();
            // the failed fetches may have opened the breaker: later tests meet a registry that is up again
            breakers.resetAll();
        }
    }

    @Test
    void malformedRegistryChangesGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String key = Fixtures.id();
        Topics.produce("registry.changes.v1", key, "{\"entity_type\": \"workflow_definition\"".getBytes(StandardCharsets.UTF_8));
        String after = fx.workflow(Graphs.still("graph"), true);

        List<ConsumerRecord<String, byte[]>> dead = Topics.read("registry.changes.v1.dlq", key, 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains("malformed JSON"), reason);
        assertEquals(1L, fx.version(RegistryChange.WORKFLOW_DEFINITION, after));
    }

    @Test
    void invalidVerdictsGoToTheDeadLetterTopic() {
        String key = Fixtures.id();
        Topics.produce("comparison.verdicts.v1", key, ("{\"workflow_run_id\": \"" + key + "\", \"verdict\": \"maybe\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(1, Topics.read("comparison.verdicts.v1.dlq", key, 1, Duration.ofSeconds(20)).size());
        assertEquals(null, fx.scalar("SELECT verdict FROM shadow_verdicts WHERE workflow_run_id = ?", key));
    }
}
