package com.hartomat.workflow.model;

import java.util.Locale;

/** Where a node runs: inside dispatch-service, as a render job, or not at all. */
public enum Executor {
    /** Runs in-process in dispatch-service while the run is prepared. */
    SYNC,
    /** Queued as a render job ({@link NodeDefinition#jobType()}) for the render worker. */
    ASYNC,
    /** Known to the editor but not runnable; {@link NodeDefinition#disabledReason()} says why. */
    DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
