package com.hartomat.comparison.store;

import com.hartomat.comparison.compare.FrameReport;
import com.hartomat.comparison.compare.OutputReport;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A comparison row with its verdict; {@code attempt}: which comparison of the run (1, then n + 1 after a retry). */
public record StoredComparison(UUID id, String requestId, String workflowRunId, int attempt, String orderLineId, String outputTypeId,
        String workflowDefId, String executionMode, String artifactKind, String comparisonKind, String status,
        Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, String summary, String failureReason,
        String diffImagePath, OutputReport authoritativeOutput, OutputReport observerOutput, FrameReport frames,
        Map<String, String> sideFailures, Instant requestedAt, Instant comparedAt, StoredVerdict verdict) {
}
