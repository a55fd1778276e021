package com.hartomat.comparison.gate;

import com.hartomat.comparison.compare.Measurement;
import com.hartomat.contracts.messages.Verdict;

/** A measurement with its verdict, its status and the one-sentence summary people read first. */
public record ComparisonOutcome(Measurement measurement, GateDecision decision, ComparisonStatus status, String summary) {

    public static final String MATCHED_EXACTLY = "Observer output is byte-identical to the authoritative legacy output.";
    public static final String MATCHED_WITHIN_PASS =
            "Observer output matches the authoritative legacy output within the visual pass threshold.";
    public static final String MATCHED_WITHIN_NOISE =
            "Observer output matches the authoritative legacy output within the measured noise floor.";
    public static final String MISMATCHED =
            "Observer output differs from the authoritative legacy output beyond the visual pass threshold.";
    public static final String NOT_VISUAL_PASS =
            "Output is not visually comparable; compared by sha256 and size, it passes by rule.";
    public static final String NOT_VISUAL_HOLD =
            "Output is not visually comparable; compared by sha256 and size, it differs from the authoritative legacy output.";
    public static final String FRAME_COUNTS =
            "Turntable frame counts differ between the authoritative legacy output and the observer output.";
    public static final String DIMENSIONS = "Observer output dimensions differ from the authoritative legacy output.";
    public static final String OBSERVER_MISSING = "Observer workflow output is missing.";
    public static final String AUTHORITATIVE_MISSING = "Authoritative legacy output is missing.";

    /** Evaluates the gate for a measurement and names the result. */
    public static ComparisonOutcome decide(Measurement m, String observerFailure, Thresholds thresholds,
            NoiseFloor noiseFloor) {
        GateInput input = new GateInput(m.authoritative().exists(), m.observer().exists(), m.exactMatch(),
                m.dimensionsMatch(), m.meanPixelDelta(), m.failureReason(), m.frameCountsDiffer(), m.visuallyComparable(),
                m.authoritative().sizeBytes(), m.observer().sizeBytes(), observerFailure);
        GateDecision decision = RolloutGate.evaluate(input, thresholds, noiseFloor);
        boolean pass = decision.verdict() == Verdict.PASS;
        if (m.failureReason() != null) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.FAILED, "Comparison failed: " + m.failureReason() + ".");
        }
        if (!m.authoritative().exists()) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.MISSING_AUTHORITATIVE, AUTHORITATIVE_MISSING);
        }
        if (!m.observer().exists()) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.MISSING_OBSERVER, OBSERVER_MISSING);
        }
        if (m.frameCountsDiffer()) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.MISMATCHED, FRAME_COUNTS);
        }
        if (Boolean.FALSE.equals(m.dimensionsMatch())) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.DIMENSION_MISMATCH, DIMENSIONS);
        }
        if (Boolean.TRUE.equals(m.exactMatch())) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.MATCHED, MATCHED_EXACTLY);
        }
        if (!m.visuallyComparable()) {
            return new ComparisonOutcome(m, decision, pass ? ComparisonStatus.MATCHED : ComparisonStatus.MISMATCHED,
                    pass ? NOT_VISUAL_PASS : NOT_VISUAL_HOLD);
        }
        if (pass) {
            return new ComparisonOutcome(m, decision, ComparisonStatus.MATCHED,
                    decision.withinNoiseFloor() ? MATCHED_WITHIN_NOISE : MATCHED_WITHIN_PASS);
        }
        return new ComparisonOutcome(m, decision, ComparisonStatus.MISMATCHED, MISMATCHED);
    }
}
