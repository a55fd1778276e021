package com.hartomat.dispatch.lifecycle;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which nodes a retry from a node runs again: that node and everything downstream of it; upstream outputs are kept.
 * Only a finished (failed or completed) graph or shadow run can be retried, from a node whose upstream all completed.
 */
final class RetryPlan {

    private RetryPlan() {
    }

    /** The nodes to reset, in plan order ({@code fromNode} first). Throws the refusal as an {@link ApiException}. */
    static List<String> decide(RunStatus run, ExecutionMode mode, Map<String, RunStatus> nodes, RunGraphShape shape,
            String fromNode) {
        if (mode == ExecutionMode.LEGACY || shape == null) {
            throw ApiException.conflict("run_not_retryable",
                    "a legacy-mode run is one legacy job, not a graph: dispatch its order line again", "");
        }
        if (!shape.knows(fromNode) || !nodes.containsKey(fromNode)) {
            throw ApiException.invalid("unknown_node", "the run has no node '" + fromNode + "'; its nodes: "
                    + shape.order(), "/from_node");
        }
        if (run == RunStatus.CANCELLED) {
            throw ApiException.conflict("run_already_terminal", "the run was cancelled: it cannot be retried", "");
        }
        if (run != RunStatus.FAILED && run != RunStatus.COMPLETED) {
            throw ApiException.conflict("run_not_finished", "the run is still " + run.wire()
                    + ": retry it once it has completed or failed (or cancel it first)", "");
        }
        for (String up : shape.upstreamOf(fromNode)) {
            RunStatus status = nodes.get(up);
            if (status != RunStatus.COMPLETED && status != RunStatus.SKIPPED) {
                throw ApiException.conflict("upstream_not_completed", "node '" + up + "' upstream of '" + fromNode
                        + "' is " + (status == null ? "missing" : status.wire()) + ": retry from '" + up + "' instead",
                        "/from_node");
            }
        }
        List<String> reset = new ArrayList<>();
        reset.add(fromNode);
        reset.addAll(shape.downstreamOf(fromNode));
        for (String id : reset) {
            RunStatus status = nodes.get(id);
            if (status == RunStatus.QUEUED || status == RunStatus.RUNNING) {
                throw ApiException.conflict("node_still_running", "node '" + id + "' still has a live job", "/from_node");
            }
        }
        return reset;
    }
}
