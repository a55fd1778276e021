package com.hartomat.deploy.local.smoke;

import java.util.List;

/**
 * The comparison verdict of a shadow observer run, as dispatch keeps it ({@code latest_verdicts} of the output type's
 * readiness) with what comparison-service measured when it answers ({@code GET /api/workflows/runs/{id}/comparison}).
 *
 * @param verdict {@code pass}, {@code warn} or {@code fail}
 * @param comparisonStatus the comparison's status ({@code matched}, {@code mismatched} …), null when unknown
 * @param exactMatch null when unknown
 * @param summary comparison-service's one-line summary, null when unknown
 */
public record Verdict(String verdict, String status, Double meanPixelDelta, List<String> reasons,
        String comparisonStatus, Boolean exactMatch, String summary) {

    public Verdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean passed() {
        return "pass".equals(verdict);
    }
}
