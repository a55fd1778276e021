package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import java.time.Instant;
import java.util.UUID;

/** A {@code workflow_runs} row as the lifecycle moves it. */
final class RunRow {

    final UUID id;
    final String workflowDefId;
    final UUID orderLineId;
    final UUID cadFileId;
    final String outputTypeId;
    final ExecutionMode mode;
    /** The run's plan as stored; null when the row was read under lock (see {@code LifecycleStore#run}). */
    final Object config;
    final String authoritativeJobId;
    final Instant createdAt;
    RunStatus status;
    long lastSequence;
    Instant startedAt;
    Instant completedAt;
    String errorMessage;
    String fallbackJobId;
    String fallbackFrom;
    Instant comparisonRequestedAt;
    /** Comparison requests this (observer) run has sent: the next one is attempt {@code comparisonAttempts + 1}. */
    int comparisonAttempts;
    boolean changed;

    RunRow(UUID id, String workflowDefId, UUID orderLineId, UUID cadFileId, String outputTypeId, ExecutionMode mode,
            Object config, String authoritativeJobId, Instant createdAt, RunStatus status, long lastSequence,
            Instant startedAt, Instant completedAt, String errorMessage, String fallbackJobId, String fallbackFrom,
            Instant comparisonRequestedAt, int comparisonAttempts) {
        this.id = id;
        this.workflowDefId = workflowDefId;
        this.orderLineId = orderLineId;
        this.cadFileId = cadFileId;
        this.outputTypeId = outputTypeId;
        this.mode = mode;
        this.config = config;
        this.authoritativeJobId = authoritativeJobId;
        this.createdAt = createdAt;
        this.status = status;
        this.lastSequence = lastSequence;
        this.startedAt = startedAt;
        this.completedAt = completedAt;
        this.errorMessage = errorMessage;
        this.fallbackJobId = fallbackJobId;
        this.fallbackFrom = fallbackFrom;
        this.comparisonRequestedAt = comparisonRequestedAt;
        this.comparisonAttempts = comparisonAttempts;
    }

    boolean terminal() {
        return Statuses.terminal(status);
    }
}
