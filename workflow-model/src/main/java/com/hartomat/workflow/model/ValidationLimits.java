package com.hartomat.workflow.model;

/**
 * Size limits checked before any per-node work, so an absurd graph costs one array-length comparison.
 */
public record ValidationLimits(int maxNodes, int maxEdges) {

    public static final ValidationLimits DEFAULT = new ValidationLimits(10_000, 40_000);

    public ValidationLimits {
        if (maxNodes < 1 || maxEdges < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
