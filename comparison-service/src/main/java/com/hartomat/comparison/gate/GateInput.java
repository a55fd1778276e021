package com.hartomat.comparison.gate;

/**
 * What the gate looks at: the reference's arguments (both outputs' existence, {@code exact_match},
 * {@code dimensions_match}, {@code mean_pixel_delta}) plus what a comparison can add: a failure reason, differing
 * turntable frame counts, and, for outputs that cannot be compared visually, both sizes.
 */
public record GateInput(boolean authoritativeExists, boolean observerExists, Boolean exactMatch, Boolean dimensionsMatch,
        Double meanPixelDelta, String failureReason, boolean frameCountsDiffer, boolean visuallyComparable,
        Long authoritativeSize, Long observerSize, String observerFailure) {

    /** The reference's {@code evaluate_rollout_gate} arguments, for a visual output. */
    public static GateInput of(boolean authoritativeExists, boolean observerExists, Boolean exactMatch,
            Boolean dimensionsMatch, Double meanPixelDelta) {
        return new GateInput(authoritativeExists, observerExists, exactMatch, dimensionsMatch, meanPixelDelta, null, false,
                true, null, null, null);
    }
}
