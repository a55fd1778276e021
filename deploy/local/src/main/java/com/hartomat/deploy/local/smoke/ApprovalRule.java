package com.hartomat.deploy.local.smoke;

/**
 * The rollout approval rule of the canonical still workflow (QG-6): shadow must finish with a successful order line
 * and a comparison verdict of {@code pass}; {@code warn} or {@code fail} means legacy remains authoritative; graph may
 * only be enabled after the shadow smoke passes cleanly. {@code smoke approve} runs legacy, then shadow, then graph —
 * graph only when this rule allows it.
 */
public final class ApprovalRule {

    /** Whether graph may be enabled, and why (one line). */
    public record Approval(boolean approved, String reason) {

        public int exitCode() {
            return approved ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private ApprovalRule() {
    }

    /** Shadow runs only on a working legacy baseline: its comparison would measure nothing otherwise. */
    public static boolean runShadow(ExitDecision.Decision legacy) {
        return legacy.passed();
    }

    /** Graph is enabled (and smoked) only after shadow passed cleanly. */
    public static boolean runGraph(ExitDecision.Decision legacy, ExitDecision.Decision shadow) {
        return legacy.passed() && shadow != null && shadow.passed();
    }

    /**
     * The approval from the smokes that ran; {@code shadow} and {@code graph} are null when they were not run.
     */
    public static Approval decide(ExitDecision.Decision legacy, ExitDecision.Decision shadow, ExitDecision.Decision graph) {
        if (!legacy.passed()) {
            return new Approval(false, "NOT APPROVED: the legacy baseline failed (" + legacy.reason()
                    + "); shadow and graph were not run");
        }
        if (shadow == null || !shadow.passed()) {
            return new Approval(false, "NOT APPROVED: shadow did not pass cleanly ("
                    + (shadow == null ? "not run" : shadow.reason()) + "); graph stays disabled");
        }
        if (graph == null || !graph.passed()) {
            return new Approval(false, "NOT APPROVED: shadow passed, but the graph smoke did not ("
                    + (graph == null ? "not run" : graph.reason()) + ")");
        }
        return new Approval(true, "APPROVED: shadow finished with a completed order line and verdict pass, and the graph "
                + "smoke completed; graph may be enabled for the canonical still workflow");
    }
}
