package com.hartomat.comparison.store;

import java.time.Instant;
import java.util.List;

/** A verdict as stored beside its comparison. */
public record StoredVerdict(String verdict, String status, boolean ready, boolean workflowRolloutReady,
        boolean outputTypeRolloutReady, List<String> reasons, double passThreshold, double warnThreshold,
        Double noiseFloor, boolean withinNoiseFloor, Instant decidedAt) {
}
