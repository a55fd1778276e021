package com.hartomat.comparison.api;

/** {@code PUT /api/comparisons/noise-floors/{output_type_id}}: a noise floor an operator measured. */
public record NoiseFloorRequest(Double meanPixelDelta, Integer samples, String source) {
}
