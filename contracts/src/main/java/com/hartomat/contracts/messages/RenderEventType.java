package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages a render worker reports for a job. */
public enum RenderEventType {
    ACCEPTED, STARTED, PROGRESS,
    /** The attempt is alive: sent at a fixed interval while it runs (a progress event counts as one too). */
    HEARTBEAT,
    COMPLETED, FAILED;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static RenderEventType fromWire(String wire) {
        return Wire.parse(RenderEventType.class, wire);
    }
}
