package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.outbox.OutboxRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An A/A calibration's pairs: once every render of the calibration has ended, render 0 is compared with each other
 * render, one {@code comparison.requests.v1} message (kind {@code calibration}) per pair, sent once.
 */
final class CalibrationPairs {

    private CalibrationPairs() {
    }

    /**
     * The requests when every render has ended and none was sent yet; {@code ended} is the render whose event is being
     * applied (its row is not written yet), standing in for its stored copy.
     */
    static List<OutboxRow> requests(CalibrationRow calibration, JobRow ended, Instant now) {
        if (calibration.requestsSent()) {
            return List.of();
        }
        List<JobRow> renders = new ArrayList<>();
        for (JobRow r : calibration.renders()) {
            renders.add(r.jobId.equals(ended.jobId) ? ended : r);
        }
        if (renders.size() < calibration.runs() || renders.stream().anyMatch(r -> !r.terminal())) {
            return List.of();
        }
        JobRow first = renders.get(0);
        List<OutboxRow> out = new ArrayList<>();
        for (int i = 1; i < renders.size(); i++) {
            JobRow other = renders.get(i);
            String pairId = "calibration:" + calibration.id() + ":" + i;
            Map<String, Object> a = Publications.primary(first.artifacts).orElse(null);
            Map<String, Object> b = Publications.primary(other.artifacts).orElse(null);
            ComparisonRequest request = new ComparisonRequest(UUID.randomUUID().toString(),
                    ComparisonRequest.KIND_CALIBRATION,
                    new ComparisonRequest.Calibration(calibration.id().toString(), i, calibration.runs()), pairId,
                    calibration.orderLineId().toString(), calibration.outputTypeId(), null,
                    Publications.artifactKind(a != null ? a : b), ShadowPair.artifact(a), ShadowPair.artifact(b),
                    ShadowPair.artifacts(Publications.frames(first.artifacts)),
                    ShadowPair.artifacts(Publications.frames(other.artifacts)), failure(first), failure(other), now);
            out.add(OutboxRow.of(Topics.COMPARISON_REQUESTS, pairId, request));
        }
        return out;
    }

    private static ComparisonRequest.SideFailure failure(JobRow render) {
        if (!"failed".equals(render.status)) {
            return null;
        }
        Object code = render.failure == null ? null : render.failure.get("code");
        Object message = render.failure == null ? null : render.failure.get("message");
        return new ComparisonRequest.SideFailure(code == null ? "failed" : code.toString(),
                message == null ? "calibration render " + render.calibrationIndex + " failed" : message.toString());
    }
}
