package com.hartomat.dispatch.lifecycle;

import java.util.List;
import java.util.UUID;

/** A calibration as the lifecycle reads it: its renders in index order, and whether its pairs were sent. */
record CalibrationRow(UUID id, String outputTypeId, UUID orderLineId, int runs, boolean requestsSent,
        List<JobRow> renders) {
}
