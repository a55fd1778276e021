package com.hartomat.comparison.gate;

import java.time.Instant;

/**
 * The mean pixel delta an output type shows between renders that should be identical (A/A: the same order line
 * rendered by legacy twice): a delta within it is render noise, not a regression.
 */
public record NoiseFloor(String outputTypeId, double meanPixelDelta, int samples, String source, Instant measuredAt) {
}
