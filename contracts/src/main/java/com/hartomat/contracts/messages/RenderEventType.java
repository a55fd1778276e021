package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages a render worker reports for a job. */
public enum RenderEventType {
    ACCEPTED, STARTED, PROGRESS, COMPLETED, FAILED;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static RenderEventType fromWire(String wire) {
        return Wire.parse(RenderEventType.class, wire);
    }
}
