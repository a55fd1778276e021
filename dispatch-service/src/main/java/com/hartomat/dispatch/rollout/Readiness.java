package com.hartomat.dispatch.rollout;

import com.hartomat.dispatch.rollout.ShadowVerdicts.VerdictView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator should do with an output type's rollout, from its current mode, its recent shadow verdicts and how
 * its graph and legacy renders ended. Pure; {@code GET /api/rollout/output-types/{id}/readiness} shows the result with
 * the figures it was decided on.
 */
public final class Readiness {

    private Readiness() {
    }

    public enum Recommendation {
        /** No verdict yet: run the output type in shadow to collect them. */
        RUN_SHADOW,
        /** Verdicts so far pass or warn, but not yet enough consecutive passes. */
        KEEP_SHADOW,
        /** The latest verdict failed: legacy stays authoritative. */
        KEEP_LEGACY,
        /** Enough consecutive passes and graph fails no more often than legacy: graph may be enabled. */
        SWITCH_TO_GRAPH,
        /** Graph is authoritative and fails no more often than legacy. */
        KEEP_GRAPH,
        /** Graph is authoritative but fails more often than legacy: the automatic hold's rule. */
        HOLD_IN_SHADOW;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Decision(Recommendation recommendation, List<String> reasons) {
    }

    /**
     * @param mode the output type's effective rollout mode (operator setting, else derived from the workflow config)
     * @param recent the most recent verdicts, newest first
     */
    public static Decision decide(RolloutMode mode, List<VerdictView> recent, long consecutivePasses, int requiredPasses,
            OutcomeCounts counts, int minSamples, Duration window) {
        List<String> reasons = new ArrayList<>();
        Optional<AutoHold.Hold> hold = AutoHold.decide(counts, minSamples, window);
        String rates = String.format(Locale.ROOT, "Over the last %s graph runs failed %s, legacy renders %s.", window,
                rate(counts.graphFailed(), counts.graphRuns()), rate(counts.legacyFailed(), counts.legacyRuns()));
        if (mode == RolloutMode.GRAPH) {
            if (hold.isPresent()) {
                reasons.add(hold.get().reason());
                return new Decision(Recommendation.HOLD_IN_SHADOW, reasons);
            }
            reasons.add(counts.graphRuns() < minSamples ? "Fewer than " + minSamples + " graph runs in the last " + window
                    + ": too few to compare error rates yet." : "Graph error rate is at or below legacy's.");
            reasons.add(rates);
            return new Decision(Recommendation.KEEP_GRAPH, reasons);
        }
        if (recent.isEmpty()) {
            reasons.add("No shadow verdict yet: run the output type in shadow mode to compare graph with legacy.");
            return new Decision(Recommendation.RUN_SHADOW, reasons);
        }
        VerdictView latest = recent.get(0);
        String latestText = "Latest shadow verdict: " + latest.verdict() + " (run " + latest.workflowRunId() + ")"
                + (latest.reasons().isEmpty() ? "." : ": " + String.join(" ", latest.reasons().stream()
                        .map(String::valueOf).toList()));
        reasons.add(latestText);
        if ("fail".equals(latest.verdict())) {
            return new Decision(Recommendation.KEEP_LEGACY, reasons);
        }
        if (hold.isPresent()) {
            reasons.add(hold.get().reason());
            return new Decision(Recommendation.KEEP_SHADOW, reasons);
        }
        if (!"pass".equals(latest.verdict()) || consecutivePasses < requiredPasses) {
            reasons.add(consecutivePasses + " of " + requiredPasses + " consecutive passing verdicts needed to switch to "
                    + "graph.");
            return new Decision(Recommendation.KEEP_SHADOW, reasons);
        }
        reasons.add(consecutivePasses + " consecutive passing verdicts (" + requiredPasses + " needed).");
        reasons.add(rates);
        return new Decision(Recommendation.SWITCH_TO_GRAPH, reasons);
    }

    private static String rate(long failed, long runs) {
        return runs == 0 ? "0 of 0" : failed + " of " + runs + " (" + AutoHold.percent((double) failed / runs) + ")";
    }
}
