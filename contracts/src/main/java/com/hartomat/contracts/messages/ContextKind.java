package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two kinds of render context a workflow runs against. */
public enum ContextKind {
    ORDER_LINE, CAD_FILE;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static ContextKind fromWire(String wire) {
        return Wire.parse(ContextKind.class, wire);
    }
}
