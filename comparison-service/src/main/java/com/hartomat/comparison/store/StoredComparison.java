package com.hartomat.comparison.store;

import com.hartomat.comparison.compare.FrameReport;
import com.hartomat.comparison.compare.OutputReport;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A comparison row with its verdict. */
public record StoredComparison(UUID id, String requestId, String workflowRunId, String orderLineId, String outputTypeId,
        String workflowDefId, String executionMode, String artifactKind, String comparisonKind, String status,
        Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, String summary, String failureReason,
        String diffImagePath, OutputReport authoritativeOutput, OutputReport observerOutput, FrameReport frames,
        Map<String, String> sideFailures, Instant requestedAt, Instant comparedAt, StoredVerdict verdict) {
}
