package com.hartomat.deploy.local.smoke;

import java.time.Duration;
import java.util.List;

/**
 * What a smoke saw, reduced to what its exit code depends on.
 *
 * @param backend the dispatch decision's {@code backend} ({@code legacy}, {@code workflow_graph} …)
 * @param gateStatus the dispatch decision's {@code rollout_gate_status}
 * @param gateReasons the decision's reasons (why legacy was chosen, why the observer was skipped)
 * @param lineStatus the order line's {@code render_status} when the smoke stopped waiting
 * @param runStatus the status of the graph run (graph) or observer run (shadow); null when there is none (legacy)
 * @param brokenNode the node that failed, as {@code name (step): error}; null when none did
 * @param fallbackJobId the legacy fallback job of a failed graph run, null when none
 * @param mediaAssets how many media assets the order line has
 * @param verdict the shadow verdict; null when none arrived (or for legacy and graph)
 * @param verdictWait how long the smoke waited for it
 * @param renderWait how long the smoke waited for the render
 */
public record SmokeOutcome(SmokeMode mode, String backend, String gateStatus, List<String> gateReasons,
        String lineStatus, String runStatus, String brokenNode, String fallbackJobId, int mediaAssets, Verdict verdict,
        Duration verdictWait, Duration renderWait) {

    public SmokeOutcome {
        gateReasons = gateReasons == null ? List.of() : List.copyOf(gateReasons);
    }

    public boolean lineCompleted() {
        return "completed".equals(lineStatus);
    }
}
