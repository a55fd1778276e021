package com.hartomat.dispatch.lifecycle;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What resuming a run does, decided on its (locked) rows: completed and skipped nodes are kept and announced as
 * skipped; failed nodes, and the nodes skipped only because something upstream failed, run again; never-started nodes
 * run once their upstream allows; a run that is still running with live jobs is left alone.
 */
final class ResumePlan {

    sealed interface Decision permits NoOp, Resume {
    }

    /** Nothing to do; {@code reason} says why (e.g. the run still has live jobs). */
    record NoOp(String reason, List<String> liveNodes) implements Decision {
    }

    /** {@code kept}: not run again (one node.skipped event each); {@code reset}: back to pending, to run again. */
    record Resume(List<String> kept, List<String> reset, List<String> liveNodes) implements Decision {
    }

    private ResumePlan() {
    }

    /** {@code nodes}: every node's status in plan order. Throws the refusal as an {@link ApiException}. */
    static Decision decide(RunStatus run, ExecutionMode mode, Map<String, RunStatus> nodes, RunGraphShape shape) {
        if (run == RunStatus.COMPLETED || run == RunStatus.CANCELLED) {
            throw ApiException.conflict("run_already_terminal", "the run is " + run.wire() + ": there is nothing to resume",
                    "");
        }
        if (mode == ExecutionMode.LEGACY || shape == null) {
            throw ApiException.conflict("run_not_resumable",
                    "a legacy-mode run is one legacy job, not a graph: dispatch its order line again", "");
        }
        List<String> live = new ArrayList<>();
        nodes.forEach((id, status) -> {
            if (status == RunStatus.QUEUED || status == RunStatus.RUNNING) {
                live.add(id);
            }
        });
        if (run != RunStatus.FAILED && !live.isEmpty()) {
            return new NoOp("the run is still " + run.wire() + " with live jobs for " + live
                    + ": nothing was queued", live);
        }
        Set<String> failed = new HashSet<>();
        nodes.forEach((id, status) -> {
            if (status == RunStatus.FAILED) {
                failed.add(id);
            }
        });
        Set<String> skippedByFailure = new HashSet<>();
        for (String f : failed) {
            for (String down : shape.downstreamOf(f)) {
                if (nodes.get(down) == RunStatus.SKIPPED) {
                    skippedByFailure.add(down);
                }
            }
        }
        List<String> kept = new ArrayList<>();
        List<String> reset = new ArrayList<>();
        boolean neverStarted = false;
        for (Map.Entry<String, RunStatus> e : nodes.entrySet()) {
            RunStatus status = e.getValue();
            if (status == RunStatus.COMPLETED || status == RunStatus.SKIPPED && !skippedByFailure.contains(e.getKey())) {
                kept.add(e.getKey());
            } else if (status == RunStatus.FAILED || status == RunStatus.CANCELLED || skippedByFailure.contains(e.getKey())) {
                reset.add(e.getKey());
            } else if (status == RunStatus.PENDING) {
                neverStarted = true;
            }
        }
        if (reset.isEmpty() && !neverStarted && run != RunStatus.FAILED) {
            return new NoOp("the run is " + run.wire() + " and no node needs to run again", live);
        }
        return new Resume(kept, reset, live);
    }
}
