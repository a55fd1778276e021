package com.hartomat.comparison.api;

import java.util.List;

/** {@code GET /api/comparisons}: one page of comparisons, newest first. */
public record ComparisonPage(List<ComparisonView> items, long total, int page, int pageSize) {
}
