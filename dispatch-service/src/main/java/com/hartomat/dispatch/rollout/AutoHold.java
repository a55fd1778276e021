package com.hartomat.dispatch.rollout;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * QG-6 — graph error rate at or below legacy's — as a rule the service applies by itself: once an output type has at
 * least {@code minSamples} graph-authoritative runs in the window and they failed more often than its legacy renders,
 * the output type is held in {@code shadow}. Legacy renders that never failed (or none known) count as a rate of 0.
 */
public final class AutoHold {

    public static final String ACTOR = "system:auto-hold";

    private AutoHold() {
    }

    /** A hold: the reason (with the figures), for the audit trail and the announcement. */
    public record Hold(String reason, OutcomeCounts counts) {
    }

    public static Optional<Hold> decide(OutcomeCounts counts, int minSamples, Duration window) {
        if (counts.graphRuns() < Math.max(1, minSamples)) {
            return Optional.empty();
        }
        double graph = counts.graphFailureRate();
        double legacy = counts.legacyFailureRate() == null ? 0.0 : counts.legacyFailureRate();
        if (graph <= legacy) {
            return Optional.empty();
        }
        return Optional.of(new Hold(String.format(Locale.ROOT, "Automatic hold: graph runs failed %d of %d (%s) over the "
                + "last %s, more often than legacy renders (%d of %d, %s); graph stays the observer until a shadow "
                + "verdict and an operator promote it again.", counts.graphFailed(), counts.graphRuns(), percent(graph),
                window, counts.legacyFailed(), counts.legacyRuns(), percent(legacy)), counts));
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
