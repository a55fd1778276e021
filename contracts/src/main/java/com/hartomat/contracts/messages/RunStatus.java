package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Statuses of workflow runs and node results. */
public enum RunStatus {
    PENDING, QUEUED, RUNNING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static RunStatus fromWire(String wire) {
        return Wire.parse(RunStatus.class, wire);
    }
}
