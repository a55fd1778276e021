package com.hartomat.dispatch.rollout;

import java.util.Locale;

/** What a rollout setting applies to. */
public enum RolloutScope {
    OUTPUT_TYPE, WORKFLOW_DEFINITION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
