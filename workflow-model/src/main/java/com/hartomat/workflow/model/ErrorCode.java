package com.hartomat.workflow.model;

import java.util.Locale;

/** The stable codes of workflow validation errors (wire form: lower snake_case). */
public enum ErrorCode {
    /** The config is not a JSON object. */
    NOT_AN_OBJECT,
    /** A required member is missing (e.g. {@code nodes}). */
    MISSING_FIELD,
    /** A member has the wrong JSON type or an empty/oversized value. */
    INVALID_TYPE,
    /** A top-level member the canonical shape does not have (editor data belongs under {@code ui}). */
    UNKNOWN_FIELD,
    UNSUPPORTED_VERSION,
    /** A legacy {@code {"type": …}} config names no known preset. */
    UNKNOWN_PRESET,
    INVALID_EXECUTION_MODE,
    /** Size limits: rejected before any per-node work. */
    /** A graph needs at least one node. */
    EMPTY_GRAPH,
    TOO_MANY_NODES,
    TOO_MANY_EDGES,
    DUPLICATE_NODE_ID,
    UNKNOWN_STEP,
    UNKNOWN_EDGE_SOURCE,
    UNKNOWN_EDGE_TARGET,
    SELF_LOOP,
    DUPLICATE_EDGE,
    CYCLE,
    INVALID_PARAMS,
    UNKNOWN_PARAM,
    FAMILY_MIXING,
    MISSING_INPUT,
    OUTPUT_SAVE_WITHOUT_PUBLISHABLE_ARTIFACT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
