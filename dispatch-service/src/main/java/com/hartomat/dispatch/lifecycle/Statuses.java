package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.RunStatus;

/** The forward-only order of statuses: pending, queued, running, then one terminal status. */
final class Statuses {

    private Statuses() {
    }

    static boolean terminal(RunStatus status) {
        return status == RunStatus.COMPLETED || status == RunStatus.FAILED || status == RunStatus.SKIPPED
                || status == RunStatus.CANCELLED;
    }

    /** Completed or skipped: what lets downstream nodes run and a run complete. */
    static boolean satisfied(RunStatus status) {
        return status == RunStatus.COMPLETED || status == RunStatus.SKIPPED;
    }
}
