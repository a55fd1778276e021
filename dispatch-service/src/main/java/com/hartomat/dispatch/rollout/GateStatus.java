package com.hartomat.dispatch.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Every {@code rollout_gate_status} a dispatch can answer with (see docs/dispatch.md for the decision table). */
public enum GateStatus {
    /** The output type has no workflow definition: legacy. */
    LEGACY_ONLY,
    /** The order line's output type is unknown to the read model and the registry did not answer: legacy. */
    OUTPUT_TYPE_UNKNOWN,
    /** The linked workflow definition is unknown, deleted or inactive: legacy. */
    WORKFLOW_UNAVAILABLE,
    /** The workflow's terminal artifact kinds do not include the output type's artifact kind: legacy. */
    WORKFLOW_CONTRACT_MISMATCH,
    /** Canonicalization, validation or run preparation failed: legacy, no run. */
    WORKFLOW_PREPARATION_FAILED,
    /** The workflow is configured for the legacy execution mode: one legacy job for its preset, a run with pending nodes. */
    WORKFLOW_LEGACY_MODE,
    /** The rollout mode is legacy_only while the workflow is configured for graph or shadow: legacy. */
    ROLLOUT_LEGACY_ONLY,
    /** The graph contains steps the graph runtime cannot execute: legacy. */
    GRAPH_UNSUPPORTED_NODES,
    /** The graph runs and is authoritative. */
    GRAPH_AUTHORITATIVE,
    /** The graph failed before or while queuing: legacy fallback, the run is kept as failed. */
    GRAPH_EXECUTION_FAILED,
    /** Legacy is authoritative, a graph observer was queued; a comparison verdict will follow. */
    PENDING_SHADOW_VERDICT,
    /** Legacy is authoritative, the observer could not be prepared (no run). */
    SHADOW_SKIPPED,
    /** Legacy is authoritative, the observer failed while queuing (its run is kept as failed). */
    SHADOW_EXECUTION_FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
