package com.hartomat.worker.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.deploy.local.fuzz.ApiFuzzer;
import com.hartomat.deploy.local.fuzz.FuzzOutcome;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests to every mutating endpoint of the service's OpenAPI document (deploy/local's {@link ApiFuzzer}):
 * no 5xx, every refusal a JSON error with a stable code. Seeded: {@code -Dfuzz.seed=<n>} replays another run.
 */
@QuarkusTest
class ApiFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 13L);

    /** Headers every fuzz request carries; credentials go here. */
    static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer " + TestTokens.forRole("admin"));

    @Test
    void malformedRequestsAreRefusedWithACodeAndNeverAnswered5xx() throws Exception {
        FuzzOutcome outcome = new ApiFuzzer("render-worker", "localhost", RestAssured.port, HEADERS).run(SEED, 0);
        System.out.println("[fuzz] " + outcome.summary() + " " + outcome.perOperation());
        assertEquals(0, outcome.operations(), "the render worker has no mutating endpoint: " + outcome.summary());
        assertTrue(outcome.requests() > 0, outcome.summary());
        assertEquals(List.of(), outcome.violations(), outcome.summary());
    }
}
