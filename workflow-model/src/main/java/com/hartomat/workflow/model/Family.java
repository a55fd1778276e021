package com.hartomat.workflow.model;

import java.util.Locale;
import java.util.Optional;

/** The kind of render context a node (and a graph) works on. */
public enum Family {
    CAD_FILE, ORDER_LINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Family> fromWire(String wire) {
        for (Family family : values()) {
            if (family.wire().equals(wire)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
