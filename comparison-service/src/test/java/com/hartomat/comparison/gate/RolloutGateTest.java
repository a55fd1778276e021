package com.hartomat.comparison.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reference's {@code evaluate_rollout_gate} cases, the dimension and noise-floor rules. */
class RolloutGateTest {

    static GateDecision gate(GateInput in) {
        return RolloutGate.evaluate(in, Thresholds.DEFAULTS, null);
    }

    @Test
    void passesExactMatch() {
        GateDecision g = gate(GateInput.of(true, true, true, true, 0.0));
        assertEquals(Verdict.PASS, g.verdict());
        assertTrue(g.ready());
        assertTrue(g.workflowRolloutReady());
        assertTrue(g.outputTypeRolloutReady());
        assertEquals("ready_for_rollout", g.status());
    }

    @Test
    void warnsOnSmallVisualDelta() {
        GateDecision g = gate(GateInput.of(true, true, false, true, 1.0 / (4 * 255)));
        assertEquals(Verdict.WARN, g.verdict());
        assertFalse(g.ready());
        assertFalse(g.workflowRolloutReady());
        assertFalse(g.outputTypeRolloutReady());
        assertEquals("hold_legacy_authoritative", g.status());
        assertTrue(g.reasons().stream().anyMatch(r -> r.contains("warn threshold")), g.reasons().toString());
        assertEquals("Mean pixel delta 0.000980392 exceeds the pass threshold 0.0001 but is within the warn threshold 0.01.",
                g.reasons().get(0));
    }

    @Test
    void passesNearZeroVisualDelta() {
        GateDecision g = gate(GateInput.of(true, true, false, true, (1.0 + 1.0) / (1024 * 1024 * 4 * 255)));
        assertEquals(Verdict.PASS, g.verdict());
        assertTrue(g.ready());
        assertEquals("ready_for_rollout", g.status());
        assertTrue(g.reasons().stream().anyMatch(r -> r.contains("pass threshold")), g.reasons().toString());
    }

    @Test
    void failsOnMissingObserver() {
        GateDecision g = gate(GateInput.of(true, false, null, null, null));
        assertEquals(Verdict.FAIL, g.verdict());
        assertFalse(g.ready());
        assertTrue(g.reasons().stream().anyMatch(r -> r.contains("Observer workflow output is missing")));
    }

    @Test
    void failsOnMissingAuthoritative() {
        GateDecision g = gate(GateInput.of(false, true, null, null, null));
        assertEquals(Verdict.FAIL, g.verdict());
        assertEquals("Authoritative legacy output is missing.", g.reasons().get(0));
    }

    @Test
    void failsWhenDimensionsDiffer() {
        GateDecision g = gate(GateInput.of(true, true, false, false, null));
        assertEquals(Verdict.FAIL, g.verdict());
        assertEquals("hold_legacy_authoritative", g.status());
        assertTrue(g.reasons().get(0).contains("dimensions differ"));
    }

    @Test
    void failsAboveTheWarnThreshold() {
        GateDecision g = gate(GateInput.of(true, true, false, true, 0.02));
        assertEquals(Verdict.FAIL, g.verdict());
        assertEquals("Mean pixel delta 0.02 exceeds the warn threshold 0.01.", g.reasons().get(0));
    }

    @Test
    void thresholdsAreInclusive() {
        assertEquals(Verdict.PASS, gate(GateInput.of(true, true, false, true, Thresholds.DEFAULT_PASS)).verdict());
        assertEquals(Verdict.WARN, gate(GateInput.of(true, true, false, true, Thresholds.DEFAULT_WARN)).verdict());
    }

    @Test
    void perOutputTypeThresholdsChangeTheVerdict() {
        GateInput in = GateInput.of(true, true, false, true, 1.0 / (4 * 255));
        GateDecision g = RolloutGate.evaluate(in, new Thresholds(0.001, 0.01, 0.05), null);
        assertEquals(Verdict.PASS, g.verdict());
        assertEquals("Mean pixel delta 0.000980392 is within the pass threshold 0.001.", g.reasons().get(0));
    }

    @Test
    void aDeltaWithinTheNoiseFloorIsNotARegression() {
        NoiseFloor floor = new NoiseFloor("ot-still", 0.002, 5, "operator", Instant.now());
        GateDecision g = RolloutGate.evaluate(GateInput.of(true, true, false, true, 1.0 / (4 * 255)), Thresholds.DEFAULTS,
                floor);
        assertEquals(Verdict.PASS, g.verdict());
        assertTrue(g.withinNoiseFloor());
        assertEquals(0.002, g.noiseFloor());
        assertTrue(g.reasons().get(0).contains("within the noise floor 0.002 measured for output type ot-still"));
        assertTrue(g.reasons().get(0).contains("not a regression"));
    }

    @Test
    void aDeltaAboveTheNoiseFloorSaysSo() {
        NoiseFloor floor = new NoiseFloor("ot-still", 0.0005, 5, "operator", Instant.now());
        GateDecision g = RolloutGate.evaluate(GateInput.of(true, true, false, true, 1.0 / (4 * 255)), Thresholds.DEFAULTS,
                floor);
        assertEquals(Verdict.WARN, g.verdict());
        assertFalse(g.withinNoiseFloor());
        assertTrue(g.reasons().get(0).endsWith("It is above the noise floor 0.0005 measured for output type ot-still."));
    }

    @Test
    void aFailedComparisonFails() {
        GateInput in = new GateInput(true, true, null, null, null, "b.png cannot be decoded", false, true, 1L, 1L, null);
        GateDecision g = gate(in);
        assertEquals(Verdict.FAIL, g.verdict());
        assertEquals("The outputs could not be compared: b.png cannot be decoded.", g.reasons().get(0));
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0.1, 0.01, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(-1, 0.01, 0.05));
    }
}
