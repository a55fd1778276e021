package com.hartomat.comparison.support;

import com.hartomat.comparison.compare.PairComparator;
import com.hartomat.comparison.gate.ThresholdCatalog;
import com.hartomat.comparison.calibration.CalibrationIntake;
import com.hartomat.comparison.intake.ComparisonIntake;
import com.hartomat.comparison.store.ComparisonStore;
import com.hartomat.comparison.store.NoiseFloors;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real intake, except that a test can hold the handling of a run's request (as a comparison that takes very long
 * would) until it releases it. Every other request is handled unchanged.
 */
@Alternative
@Priority(1)
@Singleton
public class HoldingIntake extends ComparisonIntake {

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    @Inject
    public HoldingIntake(PairComparator comparator, ThresholdCatalog thresholds, NoiseFloors noiseFloors,
            ComparisonStore store, OutboxRelayLifecycle outbox, MeterRegistry metrics, CalibrationIntake calibrations) {
        super(comparator, thresholds, noiseFloors, store, outbox, metrics, calibrations);
    }

    public static void hold(String workflowRunId) {
        HELD.add(workflowRunId);
    }

    public static void release(String workflowRunId) {
        HELD.remove(workflowRunId);
    }

    @Override
    public boolean handle(ComparisonRequest request) {
        while (HELD.contains(request.workflowRunId())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return super.handle(request);
    }
}
