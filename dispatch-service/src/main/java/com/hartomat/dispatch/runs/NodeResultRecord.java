package com.hartomat.dispatch.runs;

import com.hartomat.contracts.messages.RunStatus;
import java.util.Map;

/** One node's result within a run about to be written. */
public record NodeResultRecord(String nodeName, String step, RunStatus status, Map<String, Object> output,
        String errorMessage) {
}
