package com.hartomat.comparison.gate;

import java.util.Locale;

/** The status of a comparison as the API shows it. */
public enum ComparisonStatus {
    MATCHED, MISMATCHED, DIMENSION_MISMATCH, MISSING_OBSERVER, MISSING_AUTHORITATIVE, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComparisonStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
