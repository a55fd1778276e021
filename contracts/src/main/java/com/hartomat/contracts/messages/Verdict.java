package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The rollout verdict of a shadow comparison. */
public enum Verdict {
    PASS, WARN, FAIL;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static Verdict fromWire(String wire) {
        return Wire.parse(Verdict.class, wire);
    }
}
