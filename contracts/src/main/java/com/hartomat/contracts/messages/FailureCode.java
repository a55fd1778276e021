package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Stable failure codes of render jobs. */
public enum FailureCode {
    BLENDER_UNAVAILABLE, INPUT_MISSING, IMPORT_FAILED, RENDER_FAILED, TIMEOUT, INVALID_JOB, CANCELLED, WORKER_ERROR;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static FailureCode fromWire(String wire) {
        return Wire.parse(FailureCode.class, wire);
    }
}
