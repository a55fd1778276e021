package com.hartomat.comparison.gate;

import com.hartomat.contracts.messages.Verdict;
import java.util.List;

/** The outcome of {@link RolloutGate#evaluate}: the verdict, what it means for rollout, and why. */
public record GateDecision(Verdict verdict, String status, boolean ready, boolean workflowRolloutReady,
        boolean outputTypeRolloutReady, List<String> reasons, Thresholds thresholds, Double noiseFloor,
        boolean withinNoiseFloor) {

    public static final String READY_FOR_ROLLOUT = "ready_for_rollout";
    public static final String HOLD_LEGACY_AUTHORITATIVE = "hold_legacy_authoritative";

    public GateDecision {
        reasons = List.copyOf(reasons);
    }

    static GateDecision of(Verdict verdict, List<String> reasons, Thresholds thresholds, Double noiseFloor,
            boolean withinNoiseFloor) {
        boolean pass = verdict == Verdict.PASS;
        return new GateDecision(verdict, pass ? READY_FOR_ROLLOUT : HOLD_LEGACY_AUTHORITATIVE, pass, pass, pass, reasons,
                thresholds, noiseFloor, withinNoiseFloor);
    }
}
