package com.hartomat.comparison.intake;

import com.hartomat.comparison.calibration.CalibrationIntake;
import com.hartomat.comparison.calibration.Calibrations;
import com.hartomat.comparison.compare.ComparisonInput;
import com.hartomat.comparison.compare.Measurement;
import com.hartomat.comparison.compare.OutputRef;
import com.hartomat.comparison.compare.PairComparator;
import com.hartomat.comparison.gate.ComparisonOutcome;
import com.hartomat.comparison.gate.GateDecision;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.gate.ThresholdCatalog;
import com.hartomat.comparison.store.ComparisonStore;
import com.hartomat.comparison.store.NoiseFloors;
import com.hartomat.comparison.store.StoredComparison;
import com.hartomat.comparison.store.StoredVerdict;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ComparisonMetrics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Handles one comparison request: compares the pair, decides the verdict with the output type's thresholds and noise
 * floor, and stores comparison, verdict and the {@code comparison.verdicts.v1} message together. One comparison per run
 * and attempt: a redelivered request (an attempt already compared) is left as it is; the next attempt of a run (dispatch
 * sends one after the shadow run was retried or resumed and ended again) is compared anew. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class ComparisonIntake {

    private static final Logger LOG = Logger.getLogger(ComparisonIntake.class);

    /** Comparison requests carry shadow pairs only. */
    static final String EXECUTION_MODE = "shadow";

    private final PairComparator comparator;
    private final ThresholdCatalog thresholds;
    private final NoiseFloors noiseFloors;
    private final ComparisonStore store;
    private final OutboxRelayLifecycle outbox;
    private final MeterRegistry metrics;
    private final CalibrationIntake calibrations;

    public ComparisonIntake(PairComparator comparator, ThresholdCatalog thresholds, NoiseFloors noiseFloors,
            ComparisonStore store, OutboxRelayLifecycle outbox, MeterRegistry metrics, CalibrationIntake calibrations) {
        this.comparator = comparator;
        this.thresholds = thresholds;
        this.noiseFloors = noiseFloors;
        this.store = store;
        this.outbox = outbox;
        this.metrics = metrics;
        this.calibrations = calibrations;
    }

    /** True when this call stored the run's comparison, false when the run already had one. */
    public boolean handle(ComparisonRequest request) {
        if (request.calibrates()) {
            // an A/A pair measures the output type's noise floor: a sample of its calibration, no verdict
            return calibrations.handle(request) != Calibrations.Progress.ALREADY_FINISHED;
        }
        if (store.existsForRun(request.workflowRunId(), request.attemptOrFirst())) {
            // a redelivery of a request handled before (same attempt), or an older attempt overtaken by a newer one
            LOG.debugf("run %s attempt %d already compared; request %s ignored", request.workflowRunId(),
                    request.attemptOrFirst(), request.requestId());
            return false;
        }
        Measurement measurement = comparator.compare(input(request));
        NoiseFloor floor = noiseFloors.forOutputType(request.outputTypeId()).orElse(null);
        String observerFailure = request.observerFailure() == null ? null
                : request.observerFailure().code() + ": " + request.observerFailure().message();
        ComparisonOutcome outcome = ComparisonOutcome.decide(measurement, observerFailure,
                thresholds.forOutputType(request.outputTypeId()), floor);
        Instant now = Instant.now();
        StoredComparison stored = stored(request, outcome, now);
        boolean created = store.save(stored, verdictMessage(stored, outcome));
        if (created) {
            outbox.wakeUp();
            metrics.counter("comparison_verdicts_total", "verdict", stored.verdict().verdict(), "status",
                    stored.status()).increment();
        }
        return created;
    }

    public static ComparisonInput input(ComparisonRequest r) {
        return new ComparisonInput(r.workflowRunId(), ref(r.authoritative()), ref(r.observer()),
                r.authoritativeFrames().stream().map(ComparisonIntake::ref).toList(),
                r.observerFrames().stream().map(ComparisonIntake::ref).toList());
    }

    private static OutputRef ref(Artifact artifact) {
        return artifact == null ? null : new OutputRef(artifact.path(), artifact.mediaType());
    }

    static StoredComparison stored(ComparisonRequest r, ComparisonOutcome o, Instant now) {
        Measurement m = o.measurement();
        GateDecision d = o.decision();
        Map<String, String> sideFailures = new LinkedHashMap<>();
        if (r.authoritativeFailure() != null) {
            sideFailures.put("authoritative", r.authoritativeFailure().code() + ": " + r.authoritativeFailure().message());
        }
        if (r.observerFailure() != null) {
            sideFailures.put("observer", r.observerFailure().code() + ": " + r.observerFailure().message());
        }
        StoredVerdict verdict = new StoredVerdict(d.verdict().wire(), d.status(), d.ready(), d.workflowRolloutReady(),
                d.outputTypeRolloutReady(), d.reasons(), d.thresholds().pass(), d.thresholds().warn(), d.noiseFloor(),
                d.withinNoiseFloor(), now);
        return new StoredComparison(UUID.randomUUID(), r.requestId(), r.workflowRunId(), r.attemptOrFirst(), r.orderLineId(),
                r.outputTypeId(), r.workflowDefId(), EXECUTION_MODE, r.artifactKind(), m.kind().wire(), o.status().wire(),
                m.exactMatch(), m.dimensionsMatch(), m.meanPixelDelta(), o.summary(), m.failureReason(), m.diffImagePath(),
                m.authoritative(), m.observer(), m.frames(), sideFailures, r.requestedAt(), now, verdict);
    }

    static ComparisonVerdict verdictMessage(StoredComparison s, ComparisonOutcome o) {
        GateDecision d = o.decision();
        Integer framesCompared = switch (o.measurement().kind()) {
            case IMAGE -> s.meanPixelDelta() == null ? 0 : 1;
            case FRAMES -> s.frames() == null ? 0 : s.frames().perFrameDeltas().size();
            case NOT_VISUAL -> 0;
        };
        return new ComparisonVerdict(s.id().toString(), s.workflowRunId(), s.orderLineId(), s.outputTypeId(),
                s.workflowDefId(), d.verdict(), d.status(), s.status(), d.ready(), d.workflowRolloutReady(),
                d.outputTypeRolloutReady(),
                new ComparisonMetrics(s.exactMatch(), s.dimensionsMatch(), s.meanPixelDelta(), framesCompared, d.noiseFloor()),
                List.copyOf(d.reasons()), s.summary(), s.verdict().decidedAt(), s.attempt());
    }
}
