package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Stable failure codes of render jobs. */
public enum FailureCode {
    BLENDER_UNAVAILABLE, INPUT_MISSING, IMPORT_FAILED, RENDER_FAILED, TIMEOUT, INVALID_JOB, CANCELLED, WORKER_ERROR,
    /** An operator cancelled the job's run: final, never retried (unlike {@link #CANCELLED}, a release at shutdown). */
    JOB_CANCELLED;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static FailureCode fromWire(String wire) {
        return Wire.parse(FailureCode.class, wire);
    }
}
