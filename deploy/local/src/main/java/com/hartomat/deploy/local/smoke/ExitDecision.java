package com.hartomat.deploy.local.smoke;

/**
 * Whether a smoke passed: exit code 0 only when the run completed (legacy: the order line; graph: the graph run and,
 * through its {@code output_save}, the line) or, for shadow, the line completed and the verdict is {@code pass}.
 * Otherwise {@link ExitCode#FAILED} and the reason, in one line.
 */
public final class ExitDecision {

    /** An exit code and the one line that says why. */
    public record Decision(int exitCode, String reason) {

        public boolean passed() {
            return exitCode == ExitCode.OK;
        }
    }

    private ExitDecision() {
    }

    public static Decision decide(SmokeOutcome o) {
        return switch (o.mode()) {
            case LEGACY -> legacy(o);
            case GRAPH -> graph(o);
            case SHADOW -> shadow(o);
        };
    }

    private static Decision legacy(SmokeOutcome o) {
        if (!"legacy".equals(o.backend())) {
            return failed("dispatch did not render legacy: backend " + o.backend() + ", gate " + o.gateStatus());
        }
        if (!o.lineCompleted()) {
            return failed(lineNotCompleted(o, "the legacy render"));
        }
        return ok("the legacy render completed the order line with " + assets(o.mediaAssets()));
    }

    private static Decision graph(SmokeOutcome o) {
        if (!"workflow_graph".equals(o.backend())) {
            return failed("dispatch did not run the graph: backend " + o.backend() + ", gate " + o.gateStatus()
                    + reasons(o));
        }
        if (!"completed".equals(o.runStatus())) {
            String state = o.runStatus() == null || !"failed".equals(o.runStatus())
                    ? "the graph run did not finish within " + o.renderWait().toSeconds() + " s (" + o.runStatus() + ")"
                    : "the graph run failed" + (o.brokenNode() == null ? "" : " at node " + o.brokenNode());
            return failed(state + (o.fallbackJobId() == null ? "" : "; legacy fallback job " + o.fallbackJobId()
                    + " rendered the line (" + o.lineStatus() + ")"));
        }
        if (!o.lineCompleted()) {
            return failed(lineNotCompleted(o, "the completed graph run"));
        }
        return ok("the graph run completed and published " + assets(o.mediaAssets()));
    }

    private static Decision shadow(SmokeOutcome o) {
        if (!"pending_shadow_verdict".equals(o.gateStatus())) {
            return failed("no shadow observer ran: gate " + o.gateStatus() + reasons(o));
        }
        if (!o.lineCompleted()) {
            return failed(lineNotCompleted(o, "legacy (authoritative in shadow)"));
        }
        Verdict v = o.verdict();
        if (v == null) {
            return failed("no comparison verdict within " + o.verdictWait().toSeconds() + " s for the observer run ("
                    + o.runStatus() + "); legacy remains authoritative");
        }
        if (!v.passed()) {
            return failed("verdict " + v.verdict() + (v.reasons().isEmpty() ? "" : " (" + String.join("; ", v.reasons()) + ")")
                    + ": legacy remains authoritative");
        }
        return ok("shadow finished with a completed order line and verdict pass");
    }

    private static String lineNotCompleted(SmokeOutcome o, String what) {
        if ("failed".equals(o.lineStatus())) {
            return what + " failed: the order line is failed";
        }
        return "the order line did not complete within " + o.renderWait().toSeconds() + " s (render_status "
                + o.lineStatus() + ")";
    }

    private static String reasons(SmokeOutcome o) {
        return o.gateReasons().isEmpty() ? "" : " (" + String.join(" ", o.gateReasons()) + ")";
    }

    private static String assets(int n) {
        return n == 1 ? "1 media asset" : n + " media assets";
    }

    private static Decision ok(String reason) {
        return new Decision(ExitCode.OK, reason);
    }

    private static Decision failed(String reason) {
        return new Decision(ExitCode.FAILED, reason);
    }
}
