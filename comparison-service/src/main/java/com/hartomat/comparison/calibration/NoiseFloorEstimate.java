package com.hartomat.comparison.calibration;

import java.util.List;
import java.util.Optional;

/**
 * The noise floor of a finished calibration: the largest mean pixel delta between the first render and each other
 * render (the conservative choice: every A/A difference seen stays within it). A calibration with a pair that could not
 * be measured visually (a render failed, a file is missing or unreadable, the output is no image) measures no floor.
 */
public final class NoiseFloorEstimate {

    private NoiseFloorEstimate() {
    }

    /** One measured pair. {@code meanPixelDelta} is null when the pair could not be compared visually. */
    public record Sample(int pairIndex, String status, Double meanPixelDelta, String failureReason) {
    }

    /** The floor, or the reason there is none. */
    public record Result(Optional<Double> floor, String failureReason) {
    }

    public static Result of(List<Sample> samples) {
        if (samples.isEmpty()) {
            return new Result(Optional.empty(), "no pair was compared");
        }
        double floor = 0.0;
        for (Sample s : samples) {
            if (s.meanPixelDelta() == null) {
                return new Result(Optional.empty(), "pair " + s.pairIndex() + " could not be measured ("
                        + s.status() + (s.failureReason() == null ? "" : ": " + s.failureReason()) + ")");
            }
            floor = Math.max(floor, s.meanPixelDelta());
        }
        return new Result(Optional.of(floor), null);
    }
}
