package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Why a job failed, in a stable code, a human message, the log tail, and whether a retry can help. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Failure(FailureCode code, String message, boolean retryable, String logTail) {
}
