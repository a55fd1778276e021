package com.hartomat.comparison.compare;

import java.util.List;

/** A pair to compare: both sides' outputs (null when a side has none) and, for turntables, their kept frames. */
public record ComparisonInput(String workflowRunId, OutputRef authoritative, OutputRef observer,
        List<OutputRef> authoritativeFrames, List<OutputRef> observerFrames) {

    public ComparisonInput {
        authoritativeFrames = authoritativeFrames == null ? List.of() : List.copyOf(authoritativeFrames);
        observerFrames = observerFrames == null ? List.of() : List.copyOf(observerFrames);
    }
}
