package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonMetrics(Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, Integer framesCompared) {
}
