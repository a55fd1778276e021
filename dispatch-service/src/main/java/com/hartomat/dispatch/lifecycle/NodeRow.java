package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@code workflow_node_results} row as the lifecycle moves it; {@code changed} marks it for writing. */
final class NodeRow {

    final String name;
    final String step;
    RunStatus status;
    Map<String, Object> output;
    String errorMessage;
    String jobId;
    int attempt;
    String workerId;
    Map<String, Object> progress;
    List<Object> artifacts;
    Instant queuedAt;
    Instant startedAt;
    Instant finishedAt;
    Long durationMs;
    String logExcerpt;
    String errorCode;
    Boolean retryable;
    boolean changed;

    NodeRow(String name, String step, RunStatus status, Map<String, Object> output) {
        this.name = name;
        this.step = step;
        this.status = status;
        this.output = output == null ? new LinkedHashMap<>() : new LinkedHashMap<>(output);
        this.artifacts = new ArrayList<>();
    }

    boolean terminal() {
        return Statuses.terminal(status);
    }

    /** Moves the node to {@code next}; returns the previous status. */
    RunStatus move(RunStatus next) {
        RunStatus previous = status;
        status = next;
        changed = true;
        return previous;
    }
}
