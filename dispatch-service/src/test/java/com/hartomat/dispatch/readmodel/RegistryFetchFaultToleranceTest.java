package com.hartomat.dispatch.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.dispatch.support.FakeRegistry;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry fetch against a real HTTP registry (a JDK HttpServer on a loopback port) that hangs, fails or is down:
 * each attempt times out, failed attempts are retried, a registry that keeps failing opens the breaker (no more requests
 * reach it), and every failure is answered from the read model in PostgreSQL. The test profile shortens the timeout to
 * 300 ms and lengthens the breaker's delay to 60 s through the MicroProfile Fault Tolerance keys, so a breaker that
 * opened stays open for the test and a hanging registry is given up on well before it would answer.
 */
@QuarkusTest
class RegistryFetchFaultToleranceTest {

    @Inject
    AgroalDataSource db;

    @Inject
    RegistryFetch fetch;

    @Inject
    CircuitBreakerMaintenance breakers;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
        breakers.resetAll();
    }

    @AfterEach
    void behave() {
        FakeRegistry.behave();
        FakeRegistry.startServer();
        breakers.resetAll();
    }

    private Optional<RegistryEntity> fetch(String type, String id) {
        return fetch.fetch(type, id).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aHangingRegistryTimesOutIsAskedThreeTimesAndTheReadModelAnswers() {
        String known = fx.workflow(Graphs.still("graph"), true);
        String unknown = Fixtures.id();
        FakeRegistry.put("workflows", known, Map.of("id", known, "version", 99));
        FakeRegistry.hang();

        Optional<RegistryEntity> fromReadModel = fetch(RegistryChange.WORKFLOW_DEFINITION, known);
        assertEquals(3, FakeRegistry.requests("workflows", known), "one attempt and two retries");
        assertTrue(fromReadModel.isPresent(), "the read model's copy answers");
        assertEquals(1L, fromReadModel.get().version(), "the topic's version, not the registry's");

        assertEquals(Optional.empty(), fetch(RegistryChange.WORKFLOW_DEFINITION, unknown), "unknown to both: a miss");
    }

    @Test
    void aRegistryAnsweringErrorsOpensTheBreakerAndIsNoLongerAsked() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        FakeRegistry.fail(503);

        for (int i = 0; i < 5; i++) {
            assertTrue(fetch(RegistryChange.WORKFLOW_DEFINITION, wf).isPresent(), "call " + i + " from the read model");
        }
        // call 1: attempt + 2 retries fail; call 2: the fourth failure opens the breaker, its retries are refused
        // by the open breaker; calls 3-5 never reach the registry
        assertEquals(4, FakeRegistry.requests("workflows", wf));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("registry-fetch"));
    }

    @Test
    void aRegistryThatIsDownIsRetriedAndTheReadModelAnswers() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        FakeRegistry.stopServer();

        Optional<RegistryEntity> answer = fetch(RegistryChange.WORKFLOW_DEFINITION, wf);
        assertTrue(answer.isPresent());
        assertEquals(wf, answer.get().id());
    }

    @Test
    void aRegistryThatDoesNotKnowTheEntityIsNotHeldAgainstIt() {
        String unknown = Fixtures.id();
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), fetch(RegistryChange.OUTPUT_TYPE, unknown));
        }
        // five 404s would open the breaker (4 attempts, half failed) if they counted as failures
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("registry-fetch"), "a 404 is an answer");
    }

    @Test
    void aFetchedEntityIsKeptInTheReadModel() {
        String ot = Fixtures.id();
        FakeRegistry.put("output-types", ot, Map.of("id", ot, "render_settings", Map.of()));

        Optional<RegistryEntity> fetched = fetch(RegistryChange.OUTPUT_TYPE, ot);
        assertTrue(fetched.isPresent());
        assertEquals("rest", fx.scalar("SELECT source FROM registry_entities WHERE entity_id = ?", ot));
    }
}
