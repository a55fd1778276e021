package com.hartomat.comparison.api;

import com.hartomat.comparison.compare.FrameReport;
import com.hartomat.comparison.compare.OutputReport;
import com.hartomat.comparison.compare.Measurement;
import com.hartomat.comparison.gate.GateDecision;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.ondemand.OnDemandComparison;
import com.hartomat.comparison.store.StoredComparison;
import com.hartomat.comparison.store.StoredVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/workflows/runs/{id}/comparison}: a shadow run's comparison (its latest attempt's), its verdict and the
 * noise floor. {@code attempt}: which comparison of the run (1, n + 1 after a retry); null when computed on demand.
 */
public record ComparisonView(String comparisonId, String workflowRunId, Integer attempt, String executionMode, String status,
        Boolean exactMatch, Boolean dimensionsMatch, Double meanPixelDelta, String summary, OutputView authoritativeOutput,
        OutputView observerOutput, String diffImagePath, FramesView frames, String comparisonKind, String failureReason,
        Map<String, String> sideFailures, String orderLineId, String outputTypeId, String workflowDefId,
        String artifactKind, VerdictView verdict, NoiseFloorView noiseFloor, Instant requestedAt, Instant comparedAt,
        boolean computedOnDemand) {

    /** One side's output: the path relative to the artifact storage root, and what the file is. */
    public record OutputView(String path, boolean exists, String sha256, Long sizeBytes, Integer imageWidth,
            Integer imageHeight) {

        static OutputView of(OutputReport r) {
            return r == null ? null : new OutputView(r.path(), r.exists(), r.sha256(), r.sizeBytes(), r.imageWidth(),
                    r.imageHeight());
        }
    }

    /** A turntable's frames: counts per side, the worst frame and every frame's mean pixel delta. */
    public record FramesView(int authoritativeFrameCount, int observerFrameCount, Integer worstFrameIndex,
            Double worstFrameDelta, List<Double> perFrameDeltas) {

        static FramesView of(FrameReport f) {
            return f == null ? null : new FramesView(f.authoritativeFrameCount(), f.observerFrameCount(),
                    f.worstFrameIndex(), f.worstFrameDelta(), f.perFrameDeltas());
        }
    }

    /** The rollout verdict ({@code evaluate_rollout_gate}) with the thresholds and noise floor it was decided with. */
    public record VerdictView(String verdict, String status, boolean ready, boolean workflowRolloutReady,
            boolean outputTypeRolloutReady, List<String> reasons, double passThreshold, double warnThreshold,
            Double noiseFloor, boolean withinNoiseFloor, Instant decidedAt) {

        static VerdictView of(StoredVerdict v) {
            return new VerdictView(v.verdict(), v.status(), v.ready(), v.workflowRolloutReady(), v.outputTypeRolloutReady(),
                    v.reasons(), v.passThreshold(), v.warnThreshold(), v.noiseFloor(), v.withinNoiseFloor(), v.decidedAt());
        }
    }

    /** The output type's noise floor as stored now (it may have been measured after the verdict). */
    public record NoiseFloorView(String outputTypeId, double meanPixelDelta, int samples, String source,
            Instant measuredAt) {

        public static NoiseFloorView of(NoiseFloor f) {
            return f == null ? null : new NoiseFloorView(f.outputTypeId(), f.meanPixelDelta(), f.samples(), f.source(),
                    f.measuredAt());
        }
    }

    static ComparisonView of(StoredComparison s, NoiseFloor floor) {
        return new ComparisonView(s.id().toString(), s.workflowRunId(), s.attempt(), s.executionMode(), s.status(), s.exactMatch(),
                s.dimensionsMatch(), s.meanPixelDelta(), s.summary(), OutputView.of(s.authoritativeOutput()),
                OutputView.of(s.observerOutput()), s.diffImagePath(), FramesView.of(s.frames()), s.comparisonKind(),
                s.failureReason(), s.sideFailures(), s.orderLineId(), s.outputTypeId(), s.workflowDefId(),
                s.artifactKind(), VerdictView.of(s.verdict()), NoiseFloorView.of(floor), s.requestedAt(), s.comparedAt(),
                false);
    }

    /** A comparison computed for this request only (the run has no stored one): no id, nothing stored. */
    static ComparisonView onDemand(OnDemandComparison.Result r) {
        Measurement m = r.outcome().measurement();
        GateDecision d = r.outcome().decision();
        Instant now = Instant.now();
        VerdictView verdict = new VerdictView(d.verdict().wire(), d.status(), d.ready(), d.workflowRolloutReady(),
                d.outputTypeRolloutReady(), d.reasons(), d.thresholds().pass(), d.thresholds().warn(), d.noiseFloor(),
                d.withinNoiseFloor(), now);
        return new ComparisonView(null, r.run().id(), null, r.run().executionMode(), r.outcome().status().wire(),
                m.exactMatch(), m.dimensionsMatch(), m.meanPixelDelta(), r.outcome().summary(),
                OutputView.of(m.authoritative()), OutputView.of(m.observer()), m.diffImagePath(), FramesView.of(m.frames()),
                m.kind().wire(), m.failureReason(), Map.of(), r.run().orderLineId(), r.run().outputTypeId(),
                r.run().workflowDefId(), null, verdict, NoiseFloorView.of(r.noiseFloor()), null, now, true);
    }
}
