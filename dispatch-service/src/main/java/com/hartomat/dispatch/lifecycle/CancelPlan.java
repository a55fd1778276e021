package com.hartomat.dispatch.lifecycle;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.messages.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What cancelling a run does: every node that has not finished ends {@code cancelled}, and so does the run. */
final class CancelPlan {

    private CancelPlan() {
    }

    /** The nodes to cancel, in plan order. Throws {@code run_already_terminal} for a run that has ended. */
    static List<String> decide(RunStatus run, Map<String, RunStatus> nodes) {
        if (Statuses.terminal(run)) {
            throw ApiException.conflict("run_already_terminal", "the run is " + run.wire() + ": there is nothing to cancel",
                    "");
        }
        List<String> cancel = new ArrayList<>();
        nodes.forEach((id, status) -> {
            if (!Statuses.terminal(status)) {
                cancel.add(id);
            }
        });
        return cancel;
    }
}
