package com.hartomat.comparison.calibration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A calibration as stored, with its measured pairs. */
public record Calibration(UUID id, String outputTypeId, String orderLineId, int runs, String requestedBy, String status,
        List<String> jobIds, Double noiseFloor, String failureReason, Instant createdAt, Instant completedAt,
        List<NoiseFloorEstimate.Sample> samples) {
}
