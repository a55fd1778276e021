package com.hartomat.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final RetryPolicy EXPONENTIAL = new RetryPolicy(5, RetryPolicy.Backoff.EXPONENTIAL,
            Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final RetryPolicy FIXED = new RetryPolicy(3, RetryPolicy.Backoff.FIXED, Duration.ofSeconds(7),
            Duration.ofSeconds(60));

    @ParameterizedTest(name = "attempt {0} failed, retryable {1}: another attempt {2}")
    @CsvSource({"1, true, true", "2, true, true", "3, true, false", "4, true, false", "1, false, false",
            "2, false, false"})
    void theAttemptBudgetCountsTheFirstAttemptAndOnlyRetryableFailures(int attempt, boolean retryable, boolean again) {
        assertEquals(again, FIXED.allowsAnotherAttempt(attempt, retryable));
    }

    @ParameterizedTest(name = "exponential, before attempt {0}: {1} s")
    @CsvSource({"2, 10", "3, 20", "4, 40", "5, 60", "6, 60", "40, 60"})
    void exponentialBackOffDoublesUpToTheCap(int nextAttempt, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), EXPONENTIAL.delayBefore(nextAttempt));
    }

    @ParameterizedTest(name = "fixed, before attempt {0}: 7 s")
    @CsvSource({"2", "3", "9"})
    void fixedBackOffWaitsTheSameEachTime(int nextAttempt) {
        assertEquals(Duration.ofSeconds(7), FIXED.delayBefore(nextAttempt));
    }

    @Test
    void theCapOnlyCutsGrowthNeverTheFirstDelay() {
        RetryPolicy fixed = new RetryPolicy(3, RetryPolicy.Backoff.FIXED, Duration.ofSeconds(90), Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(90), fixed.delayBefore(2));
        RetryPolicy exponential = new RetryPolicy(5, RetryPolicy.Backoff.EXPONENTIAL, Duration.ofSeconds(90),
                Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(90), exponential.delayBefore(4));
    }

    @Test
    void aNodeParamOverridesOnlyTheFieldsItSets() {
        RetryPolicy p = EXPONENTIAL.overriddenBy(Map.of("max_attempts", 2, "backoff", "fixed"));
        assertEquals(new RetryPolicy(2, RetryPolicy.Backoff.FIXED, Duration.ofSeconds(10), Duration.ofSeconds(60)), p);
        assertEquals(Duration.ofMillis(1500), EXPONENTIAL.overriddenBy(Map.of("delay_s", 1.5)).delay());
        assertEquals(EXPONENTIAL, EXPONENTIAL.overriddenBy(null));
    }

    @Test
    void definitionsCarryTheirExecutionRolesDefaultAndServeIt() {
        NodeDefinition still = NodeCatalog.standard().find("blender_still").orElseThrow();
        NodeDefinition setup = NodeCatalog.standard().find("order_line_setup").orElseThrow();
        assertEquals(RetryPolicy.RENDER_JOB, still.retryPolicy());
        assertEquals(RetryPolicy.IN_PROCESS, setup.retryPolicy());
        JsonNode served = still.toJson().get("retry_policy");
        assertEquals(3, served.get("max_attempts").asInt());
        assertEquals("exponential", served.get("backoff").asText());
        assertEquals(10.0, served.get("delay_s").asDouble());
        assertEquals(300.0, served.get("max_delay_s").asDouble());
        assertTrue(still.settingsSchema().get("properties").has(RetryPolicy.PARAM), "render nodes accept an override");
        assertFalse(setup.settingsSchema().get("properties").has(RetryPolicy.PARAM), "in-process steps do not");
    }

    @Test
    void aNodesPolicyIsItsDefinitionsWithItsParamOverride() {
        NodeDefinition still = NodeCatalog.standard().find("blender_still").orElseThrow();
        RetryPolicy p = RetryPolicy.of(still, Map.of("width", 64, "retry_policy", Map.of("max_attempts", 5)));
        assertEquals(5, p.maxAttempts());
        assertEquals(RetryPolicy.Backoff.EXPONENTIAL, p.backoff());
    }
}
