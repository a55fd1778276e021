package com.hartomat.deploy.local.smoke;

import java.util.Locale;

/** How the smoke's order line is rendered, and the output type's rollout mode that makes it so. */
public enum SmokeMode {
    LEGACY("legacy_only"),
    SHADOW("shadow"),
    GRAPH("graph");

    private final String rolloutMode;

    SmokeMode(String rolloutMode) {
        this.rolloutMode = rolloutMode;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of {@code PUT /api/rollout/output-types/{id}}. */
    public String rolloutMode() {
        return rolloutMode;
    }

    public static SmokeMode parse(String text) {
        for (SmokeMode mode : values()) {
            if (mode.label().equals(text)) {
                return mode;
            }
        }
        throw new SmokeUsageException("unknown mode '" + text + "' (legacy, graph, shadow)");
    }
}
