package com.hartomat.comparison.store;

/** What {@code GET /api/comparisons} narrows by; null means any. */
public record ComparisonFilter(String outputTypeId, String workflowDefId, String verdict) {
}
