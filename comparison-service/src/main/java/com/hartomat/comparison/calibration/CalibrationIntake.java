package com.hartomat.comparison.calibration;

import com.hartomat.comparison.compare.Measurement;
import com.hartomat.comparison.compare.PairComparator;
import com.hartomat.comparison.gate.ComparisonOutcome;
import com.hartomat.comparison.gate.ThresholdCatalog;
import com.hartomat.comparison.intake.ComparisonIntake;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.inbound.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One pair of an A/A calibration (a {@code comparison.requests.v1} message of kind {@code calibration}): compared like a
 * shadow pair, recorded as a sample of its calibration, never turned into a verdict. The last pair completes the
 * calibration with the output type's noise floor. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class CalibrationIntake {

    private static final Logger LOG = Logger.getLogger(CalibrationIntake.class);

    private final PairComparator comparator;
    private final ThresholdCatalog thresholds;
    private final Calibrations calibrations;
    private final MeterRegistry metrics;

    public CalibrationIntake(PairComparator comparator, ThresholdCatalog thresholds, Calibrations calibrations,
            MeterRegistry metrics) {
        this.comparator = comparator;
        this.thresholds = thresholds;
        this.calibrations = calibrations;
        this.metrics = metrics;
    }

    /** A calibration pair for a calibration this service never started: dead-lettered with this reason. */
    public static final class UnknownCalibration extends RuntimeException implements DeadLetterReason {
        public UnknownCalibration(String calibrationId) {
            super("unknown_calibration: no calibration " + calibrationId + " was requested here");
        }

        @Override
        public String deadLetterReason() {
            return "unknown_calibration";
        }
    }

    public Calibrations.Progress handle(ComparisonRequest request) {
        ComparisonRequest.Calibration which = request.calibration();
        if (which == null) {
            throw new IllegalArgumentException("a calibration request without its calibration (id, index, runs)");
        }
        UUID id = UUID.fromString(which.calibrationId());
        NoiseFloorEstimate.Sample sample = sample(which.index(), request, comparator.compare(ComparisonIntake.input(request)));
        Calibrations.Progress progress = calibrations.record(id, sample);
        if (progress == Calibrations.Progress.UNKNOWN_CALIBRATION) {
            throw new UnknownCalibration(which.calibrationId());
        }
        metrics.counter("calibration_pairs_total", "status", sample.status()).increment();
        if (progress == Calibrations.Progress.COMPLETED || progress == Calibrations.Progress.FAILED) {
            LOG.infof("calibration %s of output type %s %s", id, request.outputTypeId(),
                    progress == Calibrations.Progress.COMPLETED ? "completed" : "failed");
        }
        return progress;
    }

    /** The pair as a sample: its comparison status, and its delta only when both images were measured. */
    NoiseFloorEstimate.Sample sample(int index, ComparisonRequest r, Measurement m) {
        String failure = r.authoritativeFailure() != null ? "render 0 failed: " + r.authoritativeFailure().message()
                : r.observerFailure() != null ? "render " + index + " failed: " + r.observerFailure().message() : null;
        ComparisonOutcome outcome = ComparisonOutcome.decide(m, null, thresholds.forOutputType(r.outputTypeId()), null);
        boolean measured = failure == null && m.visuallyComparable() && m.failureReason() == null
                && Boolean.TRUE.equals(m.dimensionsMatch()) && m.meanPixelDelta() != null;
        String reason = failure != null ? failure : m.failureReason() != null ? m.failureReason()
                : measured ? null : outcome.summary();
        return new NoiseFloorEstimate.Sample(index, failure != null ? "failed" : outcome.status().wire(),
                measured ? m.meanPixelDelta() : null, reason);
    }
}
