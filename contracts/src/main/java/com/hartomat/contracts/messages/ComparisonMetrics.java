package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonMetrics(Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, Integer framesCompared,
        Double noiseFloor) {

    /** Without a noise floor (none measured for the output type). */
    public ComparisonMetrics(Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, Integer framesCompared) {
        this(exactMatch, dimensionsMatch, meanPixelDelta, framesCompared, null);
    }
}
