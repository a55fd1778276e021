package com.hartomat.dispatch.rollout;

/**
 * How the renders of one output type ended: graph-authoritative runs in the window, and the legacy renders they are held
 * against (legacy and fallback jobs in the window, or the most recent ones when the window has too few).
 */
public record OutcomeCounts(long graphRuns, long graphFailed, long legacyRuns, long legacyFailed) {

    /** Failed over finished, or null without any finished run. */
    public Double graphFailureRate() {
        return rate(graphFailed, graphRuns);
    }

    public Double legacyFailureRate() {
        return rate(legacyFailed, legacyRuns);
    }

    /** The same counts with one more graph run that failed (the run failing in the transaction that asks). */
    public OutcomeCounts withFailedGraphRun() {
        return new OutcomeCounts(graphRuns + 1, graphFailed + 1, legacyRuns, legacyFailed);
    }

    private static Double rate(long failed, long total) {
        return total == 0 ? null : (double) failed / total;
    }
}
