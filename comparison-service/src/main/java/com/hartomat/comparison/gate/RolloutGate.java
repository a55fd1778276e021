package com.hartomat.comparison.gate;

import com.hartomat.contracts.messages.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluate_rollout_gate}: turns a comparison into a rollout verdict. {@code pass} (ready for rollout) when the
 * outputs are byte-identical or the mean pixel delta is at or under the pass threshold (or within the output type's
 * measured noise floor); {@code warn} (legacy stays authoritative) up to the warn threshold; {@code fail} above it,
 * when an output is missing, when the comparison failed, or when dimensions or frame counts differ.
 */
public final class RolloutGate {

    public static final String OBSERVER_MISSING = "Observer workflow output is missing";
    public static final String AUTHORITATIVE_MISSING = "Authoritative legacy output is missing";

    private RolloutGate() {
    }

    public static GateDecision evaluate(GateInput in, Thresholds t, NoiseFloor noiseFloor) {
        Double floor = noiseFloor == null ? null : noiseFloor.meanPixelDelta();
        List<String> reasons = new ArrayList<>();
        if (in.failureReason() != null) {
            reasons.add("The outputs could not be compared: " + in.failureReason() + ".");
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        if (!in.authoritativeExists()) {
            reasons.add(AUTHORITATIVE_MISSING + ".");
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        if (!in.observerExists()) {
            reasons.add(OBSERVER_MISSING + (in.observerFailure() == null ? "." : ": " + in.observerFailure()));
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        if (in.frameCountsDiffer()) {
            reasons.add("Turntable frame counts differ between the authoritative legacy output and the observer output.");
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        if (Boolean.TRUE.equals(in.exactMatch())) {
            reasons.add("Observer output is byte-identical to the authoritative legacy output.");
            return GateDecision.of(Verdict.PASS, reasons, t, floor, false);
        }
        if (!in.visuallyComparable()) {
            return byRule(in, t, floor, reasons);
        }
        if (Boolean.FALSE.equals(in.dimensionsMatch())) {
            reasons.add("Observer output dimensions differ from the authoritative legacy output.");
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        Double delta = in.meanPixelDelta();
        if (delta == null) {
            reasons.add("No mean pixel delta could be measured.");
            return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
        }
        if (delta <= t.pass()) {
            reasons.add("Mean pixel delta " + number(delta) + " is within the pass threshold " + number(t.pass()) + ".");
            return GateDecision.of(Verdict.PASS, reasons, t, floor, false);
        }
        if (floor != null && delta <= floor) {
            reasons.add("Mean pixel delta " + number(delta) + " exceeds the pass threshold " + number(t.pass())
                    + " but is within the noise floor " + number(floor) + " measured for output type "
                    + noiseFloor.outputTypeId() + ": render noise, not a regression.");
            return GateDecision.of(Verdict.PASS, reasons, t, floor, true);
        }
        String beyondFloor = floor == null ? "" : " It is above the noise floor " + number(floor)
                + " measured for output type " + noiseFloor.outputTypeId() + ".";
        if (delta <= t.warn()) {
            reasons.add("Mean pixel delta " + number(delta) + " exceeds the pass threshold " + number(t.pass())
                    + " but is within the warn threshold " + number(t.warn()) + "." + beyondFloor);
            return GateDecision.of(Verdict.WARN, reasons, t, floor, false);
        }
        reasons.add("Mean pixel delta " + number(delta) + " exceeds the warn threshold " + number(t.warn()) + "."
                + beyondFloor);
        return GateDecision.of(Verdict.FAIL, reasons, t, floor, false);
    }

    /** A .blend (or any output without pixels here) cannot be compared visually: it passes when the sizes agree. */
    private static GateDecision byRule(GateInput in, Thresholds t, Double floor, List<String> reasons) {
        long a = in.authoritativeSize() == null ? 0 : in.authoritativeSize();
        long b = in.observerSize() == null ? 0 : in.observerSize();
        double relative = a == 0 ? (b == 0 ? 0 : 1) : Math.abs(a - b) / (double) a;
        if (relative <= t.blendSizeTolerance()) {
            reasons.add("Output is not visually comparable; its size differs by " + number(relative * 100)
                    + "% from the authoritative legacy output, within the blend size tolerance of "
                    + number(t.blendSizeTolerance() * 100) + "%.");
            return GateDecision.of(Verdict.PASS, reasons, t, floor, false);
        }
        reasons.add("Output is not visually comparable; its size differs by " + number(relative * 100)
                + "% from the authoritative legacy output, beyond the blend size tolerance of "
                + number(t.blendSizeTolerance() * 100) + "%.");
        return GateDecision.of(Verdict.WARN, reasons, t, floor, false);
    }

    /** Six significant digits, without an exponent or trailing zeros: 0.0001, 0.000980392. */
    static String number(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
