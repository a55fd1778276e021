package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The three execution modes of a workflow run. */
public enum ExecutionMode {
    LEGACY, GRAPH, SHADOW;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static ExecutionMode fromWire(String wire) {
        return Wire.parse(ExecutionMode.class, wire);
    }
}
