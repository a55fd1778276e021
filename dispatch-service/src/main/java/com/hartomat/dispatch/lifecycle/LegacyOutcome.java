package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.dispatch.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a legacy render (the monolithic {@code legacy_render} job, also a graph run's fallback) completes its order line
 * the legacy way: the render task publishes its own assets, sets {@code result_path} and {@code render_status}, and
 * sends one notification; on failure {@code render_status = failed} and a failure notification.
 */
final class LegacyOutcome {

    private LegacyOutcome() {
    }

    static void apply(JobRow job, RenderEvent e, RunProgression.OrderLine line, Changes changes) {
        if (line == null) {
            return;
        }
        switch (e.eventType()) {
            case ACCEPTED, STARTED, PROGRESS -> {
                if ("pending".equals(line.renderStatus())) {
                    changes.orderLine(line.id(), "processing", null);
                }
            }
            case COMPLETED -> {
                List<Changes.MediaAsset> assets = e.publication() == null || e.publication().publishAssetEnabled()
                        ? Publications.assets(job.artifacts, null, new Publications.Placement(line.id(), line.orderId(),
                                line.productId(), job.cadFileId, job.runId, null, job.jobId), "legacy", fps(e))
                        : List.of();
                changes.assets.addAll(assets);
                String resultPath = Publications.primary(job.artifacts).map(p -> JsonValues.text(p, "path")).orElse(null);
                changes.orderLine(line.id(), "completed", resultPath);
                if (e.publication() == null || e.publication().emitLegacyNotifications()) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("job_id", job.jobId);
                    payload.put("result_path", resultPath);
                    payload.put("media_asset_ids", assets.stream().map(a -> a.id().toString()).toList());
                    changes.notifications.add(notification(job, line, "render_completed", payload));
                }
            }
            case FAILED -> {
                if (e.failure() != null && e.failure().code() == FailureCode.CANCELLED) {
                    return;
                }
                changes.orderLine(line.id(), "failed", null);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("job_id", job.jobId);
                payload.put("error_code", e.failure() == null ? null : e.failure().code().wire());
                payload.put("error_message", RunProgression.failureMessage(e));
                changes.notifications.add(notification(job, line, "render_failed", payload));
            }
        }
    }

    static Changes.Notification notification(JobRow job, RunProgression.OrderLine line, String kind,
            Map<String, Object> payload) {
        String key = kind + ":" + job.jobId;
        return new Changes.Notification(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), line.orderId(),
                line.id(), job.runId, job.jobId, kind, key, payload);
    }

    private static Double fps(RenderEvent e) {
        if (e.outputs() != null && e.outputs().get("turntable") instanceof Map<?, ?> m && m.get("fps") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
