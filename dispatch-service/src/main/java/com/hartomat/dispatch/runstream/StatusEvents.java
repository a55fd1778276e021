package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** What the streams need to know about a {@code runs.status.v1} event. */
final class StatusEvents {

    private static final Set<RunStatus> TERMINAL = Set.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED);

    private StatusEvents() {
    }

    /** A run-scope event into completed, failed or cancelled: the run will not change any more. */
    static boolean ends(RunStatusEvent event) {
        return RunStatusEvent.SCOPE_RUN.equals(event.scope()) && TERMINAL.contains(event.status());
    }

    static boolean terminal(String runStatus) {
        return runStatus != null && TERMINAL.stream().anyMatch(s -> s.wire().equals(runStatus));
    }

    /**
     * The event as the topic carries it (the contract's own encoding), so a live event and the same event replayed
     * from the log are sent byte for byte alike.
     */
    static String json(RunStatusEvent event) {
        return new String(Topics.RUNS_STATUS.encode(event), StandardCharsets.UTF_8);
    }
}
