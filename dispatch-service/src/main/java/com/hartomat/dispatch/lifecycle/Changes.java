package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.runs.JobRecord;
import com.hartomat.dispatch.runs.RunEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Everything one render event (or an operator's run change) changes, written in its transaction ({@link RunLifecycle#write}). */
final class Changes {

    record MediaAsset(UUID id, UUID orderLineId, UUID orderId, UUID productId, UUID cadFileId, UUID runId, String nodeId,
            String jobId, String assetType, String role, String path, String sha256, String mediaType, Long sizeBytes,
            Integer width, Integer height, Integer frameCount, Double durationS, String publicationMode) {
    }

    record Notification(UUID id, UUID orderId, UUID orderLineId, UUID runId, String jobId, String kind,
            String dedupeKey, Map<String, Object> payload) {
    }

    /** The order line's new state; a null field keeps the stored value. */
    record OrderLineUpdate(UUID orderLineId, String renderStatus, String resultPath) {
    }

    /** The media assets a job published for an order line, replaced by what a graph run publishes for it now. */
    record Superseded(String jobId, UUID orderLineId) {
    }

    /** A job queued with a back-off: its message is held in {@code render_jobs} until {@code notBefore}. */
    record HeldJob(String jobId, OutboxRow row, java.time.Instant notBefore) {
    }

    /** The job, run and changed nodes to write back (null: unchanged), with the outbox and events ({@link EventWrite}). */
    JobRow job;
    RunRow run;
    List<NodeRow> nodes;
    RunEvents events;
    final List<HeldJob> held = new ArrayList<>();
    final List<JobRecord> jobs = new ArrayList<>();
    final List<OutboxRow> outbox = new ArrayList<>();
    final List<MediaAsset> assets = new ArrayList<>();
    final List<Superseded> superseded = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();
    final List<OrderLineUpdate> orderLines = new ArrayList<>();
    UUID cadFileId;
    Map<String, Object> cadParsedObjects;
    /** Metrics, recorded once the transaction committed. */
    final List<Consumer<Metrics>> metrics = new ArrayList<>();

    void orderLine(UUID orderLineId, String renderStatus, String resultPath) {
        orderLines.add(new OrderLineUpdate(orderLineId, renderStatus, resultPath));
    }
}
