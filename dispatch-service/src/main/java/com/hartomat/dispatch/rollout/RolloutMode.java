package com.hartomat.dispatch.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.hartomat.contracts.messages.ExecutionMode;
import java.util.Locale;

/** How far an output type (or workflow definition) is rolled out to the graph runtime; ordered by reach. */
public enum RolloutMode {
    LEGACY_ONLY, SHADOW, GRAPH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RolloutMode fromWire(String wire) {
        for (RolloutMode m : values()) {
            if (m.wire().equals(wire)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + wire + "' is not a rollout mode (legacy_only, shadow, graph)");
    }

    /** The reference's {@code _derive_rollout_mode_from_config}: graph→graph, shadow→shadow, else legacy_only. */
    public static RolloutMode derivedFrom(String configuredExecutionMode) {
        if ("graph".equals(configuredExecutionMode)) {
            return GRAPH;
        }
        if ("shadow".equals(configuredExecutionMode)) {
            return SHADOW;
        }
        return LEGACY_ONLY;
    }

    public RolloutMode mostRestrictive(RolloutMode other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }

    /** What a configured execution mode may do under this rollout mode (the rollout bounds, never widens). */
    public ExecutionMode bound(ExecutionMode configured) {
        return switch (this) {
            case LEGACY_ONLY -> ExecutionMode.LEGACY;
            case SHADOW -> configured == ExecutionMode.LEGACY ? ExecutionMode.LEGACY : ExecutionMode.SHADOW;
            case GRAPH -> configured;
        };
    }
}
