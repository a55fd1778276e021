package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitDecisionTest {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(120);
    private static final Duration RENDER_WAIT = Duration.ofSeconds(600);
    private static final Verdict PASS = new Verdict("pass", "ready_for_rollout", 0.0, List.of(), "matched", true, null);
    private static final Verdict WARN = new Verdict("warn", "hold_legacy_authoritative", 0.03,
            List.of("mean pixel delta 0.03 above 0.01"), "mismatched", false, null);

    private static SmokeOutcome legacy(String backend, String line) {
        return new SmokeOutcome(SmokeMode.LEGACY, backend, "rollout_legacy_only", List.of(), line, null, null, null, 1,
                null, VERDICT_WAIT, RENDER_WAIT);
    }

    private static SmokeOutcome graph(String backend, String line, String run, String brokenNode, String fallback) {
        return new SmokeOutcome(SmokeMode.GRAPH, backend, "graph_authoritative", List.of(), line, run, brokenNode,
                fallback, 1, null, VERDICT_WAIT, RENDER_WAIT);
    }

    private static SmokeOutcome shadow(String gate, String line, Verdict verdict) {
        return new SmokeOutcome(SmokeMode.SHADOW, "legacy", gate, List.of(), line, "completed", null, null, 1, verdict,
                VERDICT_WAIT, RENDER_WAIT);
    }

    private static void assertDecision(int code, String reason, SmokeOutcome outcome) {
        ExitDecision.Decision d = ExitDecision.decide(outcome);
        assertEquals(reason, d.reason());
        assertEquals(code, d.exitCode(), d.reason());
    }

    @Test
    void legacyPassesOnlyWhenTheLegacyRenderCompletedTheLine() {
        assertDecision(0, "the legacy render completed the order line with 1 media asset", legacy("legacy", "completed"));
        assertDecision(1, "the legacy render failed: the order line is failed", legacy("legacy", "failed"));
        assertDecision(1, "the order line did not complete within 600 s (render_status processing)",
                legacy("legacy", "processing"));
        assertDecision(1, "dispatch did not render legacy: backend workflow_graph, gate rollout_legacy_only",
                legacy("workflow_graph", "completed"));
    }

    @Test
    void graphPassesOnlyWhenTheGraphRunAndTheLineCompleted() {
        assertDecision(0, "the graph run completed and published 1 media asset",
                graph("workflow_graph", "completed", "completed", null, null));
        assertDecision(1, "the graph run failed at node render (blender_still): blender_failed: boom; legacy fallback "
                + "job j-1 rendered the line (completed)",
                graph("workflow_graph", "completed", "failed", "render (blender_still): blender_failed: boom", "j-1"));
        assertDecision(1, "the graph run did not finish within 600 s (running)",
                graph("workflow_graph", "processing", "running", null, null));
        assertDecision(1, "the order line did not complete within 600 s (render_status processing)",
                graph("workflow_graph", "processing", "completed", null, null));
        SmokeOutcome legacyChosen = new SmokeOutcome(SmokeMode.GRAPH, "legacy", "workflow_contract_mismatch",
                List.of("Workflow produces still_image.", "Expected artifact kind: blend_asset."), "completed", null, null,
                null, 1, null, VERDICT_WAIT, RENDER_WAIT);
        assertDecision(1, "dispatch did not run the graph: backend legacy, gate workflow_contract_mismatch (Workflow "
                + "produces still_image. Expected artifact kind: blend_asset.)", legacyChosen);
    }

    @Test
    void shadowPassesOnlyWithACompletedLineAndAPassVerdict() {
        assertDecision(0, "shadow finished with a completed order line and verdict pass",
                shadow("pending_shadow_verdict", "completed", PASS));
        assertDecision(1, "verdict warn (mean pixel delta 0.03 above 0.01): legacy remains authoritative",
                shadow("pending_shadow_verdict", "completed", WARN));
        assertDecision(1, "verdict fail: legacy remains authoritative", shadow("pending_shadow_verdict", "completed",
                new Verdict("fail", null, null, List.of(), null, null, null)));
        assertDecision(1, "no comparison verdict within 120 s for the observer run (completed); legacy remains "
                + "authoritative", shadow("pending_shadow_verdict", "completed", null));
        assertDecision(1, "legacy (authoritative in shadow) failed: the order line is failed",
                shadow("pending_shadow_verdict", "failed", PASS));
        assertDecision(1, "no shadow observer ran: gate shadow_skipped", shadow("shadow_skipped", "completed", null));
    }
}
