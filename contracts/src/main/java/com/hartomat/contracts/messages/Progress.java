package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Progress of a running job: frame i of n and a percentage. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Progress(Integer frame, Integer frameCount, double percent, String stage) {
}
