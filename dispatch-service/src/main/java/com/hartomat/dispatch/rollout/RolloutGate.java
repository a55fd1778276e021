package com.hartomat.dispatch.rollout;

import com.hartomat.contracts.messages.ExecutionMode;
import java.util.List;

/**
 * The rollout decision of a dispatch before anything runs: which route an order line takes and why. Pure:
 * everything it needs is in {@link Input}; outcomes of execution (graph failure, shadow skipped/failed) are
 * decided by the dispatch itself.
 */
public final class RolloutGate {

    private RolloutGate() {
    }

    public enum Route { LEGACY, WORKFLOW_LEGACY, GRAPH, SHADOW }

    public record Input(
            boolean outputTypeKnown,
            String workflowDefinitionId,
            boolean workflowAvailable,
            String preparationFailure,
            String expectedArtifactKind,
            List<String> terminalArtifactKinds,
            ExecutionMode configuredMode,
            RolloutMode rolloutMode,
            List<String> unsupportedNodeIds) {

        public Input {
            terminalArtifactKinds = terminalArtifactKinds == null ? List.of() : terminalArtifactKinds;
            unsupportedNodeIds = unsupportedNodeIds == null ? List.of() : unsupportedNodeIds;
        }
    }

    public record Decision(Route route, GateStatus status, ExecutionMode executionMode, List<String> reasons) {
    }

    public static Decision decide(Input in) {
        if (!in.outputTypeKnown()) {
            return legacy(GateStatus.OUTPUT_TYPE_UNKNOWN,
                    "The order line's output type is unknown to dispatch and the registry could not be asked.");
        }
        if (in.workflowDefinitionId() == null) {
            return legacy(GateStatus.LEGACY_ONLY, "The output type has no workflow definition.");
        }
        if (!in.workflowAvailable()) {
            return legacy(GateStatus.WORKFLOW_UNAVAILABLE,
                    "Workflow definition " + in.workflowDefinitionId() + " is unknown, deleted or inactive.");
        }
        if (in.preparationFailure() != null) {
            return legacy(GateStatus.WORKFLOW_PREPARATION_FAILED,
                    "Workflow runtime preparation failed: " + in.preparationFailure());
        }
        String expected = in.expectedArtifactKind();
        if (expected != null && !expected.isBlank() && !in.terminalArtifactKinds().isEmpty()
                && !in.terminalArtifactKinds().contains(expected)) {
            return new Decision(Route.LEGACY, GateStatus.WORKFLOW_CONTRACT_MISMATCH, ExecutionMode.LEGACY, List.of(
                    "Workflow produces " + String.join(", ", in.terminalArtifactKinds()) + ".",
                    "Expected artifact kind: " + expected + "."));
        }
        if (in.configuredMode() == ExecutionMode.LEGACY) {
            return new Decision(Route.WORKFLOW_LEGACY, GateStatus.WORKFLOW_LEGACY_MODE, ExecutionMode.LEGACY,
                    List.of("The workflow is configured for the legacy execution mode."));
        }
        if (in.rolloutMode() == RolloutMode.LEGACY_ONLY) {
            return legacy(GateStatus.ROLLOUT_LEGACY_ONLY, "Rollout mode legacy_only keeps legacy authoritative although "
                    + "the workflow is configured for " + in.configuredMode().wire() + ".");
        }
        if (!in.unsupportedNodeIds().isEmpty()) {
            return legacy(GateStatus.GRAPH_UNSUPPORTED_NODES, "The graph runtime cannot execute nodes "
                    + String.join(", ", in.unsupportedNodeIds()) + ".");
        }
        ExecutionMode effective = in.rolloutMode().bound(in.configuredMode());
        if (effective == ExecutionMode.GRAPH) {
            return new Decision(Route.GRAPH, GateStatus.GRAPH_AUTHORITATIVE, ExecutionMode.GRAPH,
                    List.of("Rollout mode graph: the graph runtime is authoritative."));
        }
        return new Decision(Route.SHADOW, GateStatus.PENDING_SHADOW_VERDICT, ExecutionMode.SHADOW,
                List.of("Shadow mode: legacy stays authoritative until a comparison verdict passes."));
    }

    private static Decision legacy(GateStatus status, String reason) {
        return new Decision(Route.LEGACY, status, ExecutionMode.LEGACY, List.of(reason));
    }
}
