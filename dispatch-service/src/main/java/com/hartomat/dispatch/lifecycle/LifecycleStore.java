package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.runs.EventRows;
import com.hartomat.dispatch.runs.JobRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The lifecycle's reads and writes in dispatch's schema, on the connection of the event's transaction. */
@ApplicationScoped
public class LifecycleStore {

    /**
     * A jsonb column from a parameter holding JSON text (an outbox row's {@code headersJson}). The reactive PostgreSQL
     * client encodes a {@code String} bound to a parameter PostgreSQL types as jsonb (as in {@code CAST($1 AS jsonb)})
     * as a JSON <em>string</em>: the headers object would be stored as one string scalar, which the relay cannot read
     * as headers, and the records went out without their {@code traceparent}. Typing the parameter as text makes
     * PostgreSQL parse the text into the object.
     */
    static final String JSONB_FROM_TEXT = "CAST(%s::text AS jsonb)";

    Uni<Optional<JobRow>> job(SqlClient client, String jobId, boolean lock) {
        return client.preparedQuery("SELECT * FROM dispatch.render_jobs WHERE job_id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(jobId)).map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(job(rows.iterator().next())));
    }

    private static JobRow job(Row r) {
        JobRow job = new JobRow(r.getString("job_id"), r.getString("job_type"), JobRecord.JobRole.fromWire(r.getString("role")),
                r.getUUID("run_id"), r.getString("node_id"), r.getUUID("order_line_id"), r.getUUID("cad_file_id"),
                r.getUUID("shadow_run_id"), r.getString("status"), r.getInteger("attempt"), r.getString("worker_id"),
                JsonValues.list(r.getValue("artifacts")), r.getValue("failure") == null ? null
                        : JsonValues.map(r.getValue("failure")));
        job.calibrationId = r.getUUID("calibration_id");
        job.calibrationIndex = r.getInteger("calibration_index");
        job.lastHeartbeatAt = instant(r, "last_heartbeat_at");
        job.startedAt = instant(r, "started_at");
        return job;
    }

    /** A calibration, locked, with its renders in index order; empty when there is no such calibration. */
    Uni<Optional<CalibrationRow>> calibration(SqlClient client, UUID calibrationId) {
        return client.preparedQuery("SELECT * FROM dispatch.calibrations WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(calibrationId)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<CalibrationRow>empty());
                    }
                    Row c = rows.iterator().next();
                    return client.preparedQuery("SELECT * FROM dispatch.render_jobs WHERE calibration_id = $1 "
                            + "ORDER BY calibration_index").execute(Tuple.of(calibrationId)).map(jobs -> {
                                List<JobRow> renders = new ArrayList<>();
                                jobs.forEach(j -> renders.add(job(j)));
                                return Optional.of(new CalibrationRow(c.getUUID("id"), c.getString("output_type_id"),
                                        c.getUUID("order_line_id"), c.getInteger("runs"),
                                        c.getOffsetDateTime("requests_sent_at") != null, renders));
                            });
                });
    }

    Uni<Void> calibrationRequestsSent(SqlClient client, UUID calibrationId) {
        return client.preparedQuery("UPDATE dispatch.calibrations SET requests_sent_at = now() WHERE id = $1")
                .execute(Tuple.of(calibrationId)).replaceWithVoid();
    }

    /**
     * {@code accepted}: the job is the worker's now. False when no such job was dispatched; a job that already ended
     * stays as it is.
     */
    Uni<Boolean> accept(SqlClient client, String jobId, int attempt, String workerId, Instant now) {
        return client.preparedQuery("UPDATE dispatch.render_jobs SET status = 'running', worker_id = $3, "
                + "attempt = greatest(attempt, $2), started_at = coalesce(started_at, now()), "
                + "last_heartbeat_at = greatest(last_heartbeat_at, $4) "
                + "WHERE job_id = $1 AND status IN ('queued', 'running')")
                .execute(Tuple.of(jobId, attempt, workerId, odt(now)))
                .flatMap(rows -> rows.rowCount() > 0 ? Uni.createFrom().item(true)
                        : job(client, jobId, false).map(Optional::isPresent));
    }

    /**
     * A {@code heartbeat}: one statement, no transaction, no status event. A job that already ended (or is unknown)
     * is left alone; the time only moves forward.
     */
    Uni<Void> heartbeat(SqlClient client, String jobId, Instant now) {
        return client.preparedQuery("UPDATE dispatch.render_jobs SET last_heartbeat_at = greatest(last_heartbeat_at, $2) "
                + "WHERE job_id = $1 AND status IN ('queued', 'running')").execute(Tuple.of(jobId, odt(now)))
                .replaceWithVoid();
    }

    /**
     * The job locked for a recovery, or empty when another transaction holds it (another replica's sweep, or an event
     * being applied): then that one decides, and this sweep leaves the job to the next pass.
     */
    Uni<Optional<JobRow>> jobSkipLocked(SqlClient client, String jobId) {
        return client.preparedQuery("SELECT * FROM dispatch.render_jobs WHERE job_id = $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(jobId)).map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(job(rows.iterator().next())));
    }

    /**
     * Running graph and observer jobs whose last sign of life is older than {@code silentSince} (the shortest timeout
     * of any job type): the candidates a sweep then decides on, job type by job type.
     */
    public Uni<List<LostJobs.Candidate>> silentJobs(SqlClient client, Instant silentSince, int limit) {
        return client.preparedQuery("SELECT job_id, job_type, role, status, run_id, last_heartbeat_at, started_at "
                + "FROM dispatch.render_jobs WHERE status = 'running' AND run_id IS NOT NULL "
                + "AND role IN ('graph', 'observer') AND coalesce(last_heartbeat_at, started_at) < $1 "
                + "ORDER BY coalesce(last_heartbeat_at, started_at) LIMIT $2").execute(Tuple.of(odt(silentSince), limit))
                .map(rows -> {
                    List<LostJobs.Candidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new LostJobs.Candidate(r.getString("job_id"), r.getString("job_type"),
                                r.getString("role"), r.getString("status"), r.getUUID("run_id") != null,
                                instant(r, "last_heartbeat_at"), instant(r, "started_at")));
                    }
                    return out;
                });
    }

    /**
     * Moves every held job whose back-off has passed (and whose run has not ended) to the outbox, in one statement:
     * rows another transaction holds are skipped, so each held job is released exactly once whatever the number of
     * replicas sweeping. Returns how many were released.
     */
    public Uni<Integer> releaseDueJobs(SqlClient client, Instant now, int limit) {
        return client.preparedQuery("WITH due AS (SELECT j.job_id, j.held_topic, j.held_key, j.held_payload, "
                + "j.held_headers, j.not_before FROM dispatch.render_jobs j WHERE j.held_payload IS NOT NULL "
                + "AND j.not_before <= $1 AND j.status = 'queued' AND NOT EXISTS (SELECT 1 FROM dispatch.workflow_runs r "
                + "WHERE r.id = j.run_id AND r.status IN ('completed', 'failed', 'cancelled')) "
                + "ORDER BY j.not_before LIMIT $2 FOR UPDATE OF j SKIP LOCKED), "
                + "cleared AS (UPDATE dispatch.render_jobs j SET held_topic = NULL, held_key = NULL, held_payload = NULL, "
                + "held_headers = NULL FROM due WHERE j.job_id = due.job_id) "
                + "INSERT INTO dispatch.outbox (topic, message_key, payload, headers) "
                + "SELECT held_topic, held_key, held_payload, coalesce(held_headers, '{}'::jsonb) FROM due "
                + "ORDER BY not_before, job_id RETURNING id").execute(Tuple.of(odt(now), limit)).map(rows -> rows.rowCount());
    }

    /** Jobs queued with a back-off: their message waits in the row instead of the outbox. */
    Uni<Void> holdJobs(SqlClient client, List<Changes.HeldJob> held) {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = held.stream().map(h -> Tuple.from(new Object[] {h.jobId(), odt(h.notBefore()),
                h.row().topic(), h.row().key(), h.row().payload(), h.row().headersJson()})).toList();
        return client.preparedQuery("UPDATE dispatch.render_jobs SET not_before = $2, held_topic = $3, held_key = $4, "
                + "held_payload = $5, held_headers = " + JSONB_FROM_TEXT.formatted("$6") + " WHERE job_id = $1").executeBatch(batch)
                .replaceWithVoid();
    }

    /**
     * The run; a locked read leaves out its {@code config} (the plan, read before the transaction when a continuation
     * needs it), so the largest column is not decoded again under the lock.
     */
    Uni<Optional<RunRow>> run(SqlClient client, UUID runId, boolean lock) {
        return client.preparedQuery(lock ? "SELECT " + RUN_COLUMNS + " FROM dispatch.workflow_runs WHERE id = $1 FOR UPDATE"
                        : "SELECT " + RUN_COLUMNS + ", config FROM dispatch.workflow_runs WHERE id = $1")
                .execute(Tuple.of(runId)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new RunRow(r.getUUID("id"), r.getString("workflow_def_id"),
                            r.getUUID("order_line_id"), r.getUUID("cad_file_id"), r.getString("output_type_id"),
                            ExecutionMode.fromWire(r.getString("execution_mode")), lock ? null : r.getValue("config"),
                            r.getString("authoritative_job_id"), instant(r, "created_at"),
                            RunStatus.fromWire(r.getString("status")), r.getLong("last_sequence"),
                            instant(r, "started_at"), instant(r, "completed_at"), r.getString("error_message"),
                            r.getString("fallback_job_id"), r.getString("fallback_from"),
                            instant(r, "comparison_requested_at"), r.getInteger("comparison_attempts")));
                });
    }

    private static final String RUN_COLUMNS = "id, workflow_def_id, order_line_id, cad_file_id, output_type_id, "
            + "execution_mode, authoritative_job_id, created_at, status, last_sequence, started_at, completed_at, "
            + "error_message, fallback_job_id, fallback_from, comparison_requested_at, comparison_attempts";

    Uni<List<NodeRow>> nodes(SqlClient client, UUID runId) {
        return client.preparedQuery("SELECT * FROM dispatch.workflow_node_results WHERE run_id = $1 ORDER BY position")
                .execute(Tuple.of(runId)).map(rows -> {
                    List<NodeRow> nodes = new ArrayList<>();
                    for (Row r : rows) {
                        NodeRow n = new NodeRow(r.getString("node_name"), r.getString("step"),
                                RunStatus.fromWire(r.getString("status")), JsonValues.map(r.getValue("output")));
                        n.errorMessage = r.getString("error_message");
                        n.jobId = r.getString("job_id");
                        n.attempt = r.getInteger("attempt");
                        n.workerId = r.getString("worker_id");
                        n.progress = r.getValue("progress") == null ? null : JsonValues.map(r.getValue("progress"));
                        n.artifacts = JsonValues.list(r.getValue("artifacts"));
                        n.queuedAt = instant(r, "queued_at");
                        n.startedAt = instant(r, "started_at");
                        n.finishedAt = instant(r, "finished_at");
                        n.durationMs = r.getLong("duration_ms");
                        n.logExcerpt = r.getString("log_excerpt");
                        n.errorCode = r.getString("error_code");
                        n.retryable = r.getBoolean("retryable");
                        nodes.add(n);
                    }
                    return nodes;
                });
    }

    Uni<Optional<RunProgression.OrderLine>> orderLine(SqlClient client, UUID id) {
        if (id == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return client.preparedQuery("SELECT id, order_id, product_id, render_status, result_path "
                + "FROM dispatch.order_lines WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
                        new RunProgression.OrderLine(r.getUUID("id"), r.getUUID("order_id"), r.getUUID("product_id"),
                                r.getString("render_status"), r.getString("result_path"))));
    }

    /**
     * The job, the run and its changed nodes, the outbox rows and the kept status events of {@code changes}: one
     * statement ({@link EventWrite}), none when there is nothing of these to write.
     */
    Uni<Void> writeRows(SqlClient client, Changes changes) {
        if (!EventWrite.writes(changes.run, changes.job, changes.outbox, changes.events)) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(EventWrite.SQL).execute(EventWrite.arguments(changes.run, changes.nodes, changes.job,
                changes.outbox, changes.events)).replaceWithVoid();
    }

    Uni<Void> insertJobs(SqlClient client, List<JobRecord> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = jobs.stream().map(j -> Tuple.from(new Object[] {j.jobId(), j.jobType(), j.role().wire(),
                j.runId(), j.nodeId(), j.orderLineId(), j.cadFileId(), j.shadowRunId()})).toList();
        return client.preparedQuery("INSERT INTO dispatch.render_jobs (job_id, job_type, role, run_id, node_id, "
                + "order_line_id, cad_file_id, shadow_run_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .executeBatch(batch).replaceWithVoid();
    }

    /**
     * Outbox rows in the given order (per-key order), in one statement however many ({@link EventRows}). The rows'
     * headers (their trace context, {@link OutboxRow#of}) are stored as the JSON object they are.
     */
    public Uni<Void> insertOutbox(SqlClient client, List<OutboxRow> rows) {
        EventRows added = EventRows.of(null, rows);
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> args = new ArrayList<>(11);
        added.appendTo(args);
        return client.preparedQuery(EventRows.INSERT_BOTH).execute(Tuple.from(args)).replaceWithVoid();
    }

    /**
     * Deletes the assets that jobs published for order lines whose result a graph run now publishes: a retried (or
     * resumed) graph run that had fallen back replaces its legacy fallback's assets, as a re-publication replaces its own.
     */
    Uni<Void> deleteSupersededAssets(SqlClient client, List<Changes.Superseded> superseded) {
        if (superseded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = superseded.stream().distinct().map(s -> Tuple.of(s.jobId(), s.orderLineId())).toList();
        return client.preparedQuery("DELETE FROM dispatch.media_assets WHERE job_id = $1 AND order_line_id = $2")
                .executeBatch(batch).replaceWithVoid();
    }

    /** Inserts the assets; returns the types of those actually inserted (an asset published before is skipped). */
    Uni<List<String>> insertAssets(SqlClient client, List<Changes.MediaAsset> assets) {
        if (assets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return replacePublished(client, assets).flatMap(v -> insertNew(client, assets));
    }

    /**
     * A node that publishes again (it ran again after a retry) replaces what it published before: the run's earlier
     * assets of that node that are not among the new ones go. A node's first publication finds none.
     */
    private Uni<Void> replacePublished(SqlClient client, List<Changes.MediaAsset> assets) {
        Map<List<Object>, List<UUID>> byNode = new LinkedHashMap<>();
        for (Changes.MediaAsset a : assets) {
            if (a.runId() != null && a.nodeId() != null) {
                byNode.computeIfAbsent(List.of(a.runId(), a.nodeId()), k -> new ArrayList<>()).add(a.id());
            }
        }
        if (byNode.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = byNode.entrySet().stream().map(e -> Tuple.of(e.getKey().get(0), e.getKey().get(1),
                e.getValue().toArray(new UUID[0]))).toList();
        return client.preparedQuery("DELETE FROM dispatch.media_assets WHERE run_id = $1 AND node_id = $2 "
                + "AND NOT (id = ANY($3))").executeBatch(batch).replaceWithVoid();
    }

    private Uni<List<String>> insertNew(SqlClient client, List<Changes.MediaAsset> assets) {
        List<Tuple> batch = assets.stream().map(a -> Tuple.from(new Object[] {a.id(), a.orderLineId(), a.orderId(),
                a.productId(), a.cadFileId(), a.runId(), a.nodeId(), a.jobId(), a.assetType(), a.role(), a.path(),
                a.sha256(), a.mediaType(), a.sizeBytes(), a.width(), a.height(), a.frameCount(), a.durationS(),
                a.publicationMode()})).toList();
        return client.preparedQuery("INSERT INTO dispatch.media_assets (id, order_line_id, order_id, product_id, "
                + "cad_file_id, run_id, node_id, job_id, asset_type, role, path, sha256, media_type, size_bytes, width, "
                + "height, frame_count, duration_s, publication_mode) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                + "$11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT DO NOTHING RETURNING asset_type")
                .executeBatch(batch).map(rows -> {
                    List<String> inserted = new ArrayList<>();
                    for (var set = rows; set != null; set = set.next()) {
                        for (Row r : set) {
                            inserted.add(r.getString("asset_type"));
                        }
                    }
                    return inserted;
                });
    }

    Uni<Void> insertNotifications(SqlClient client, List<Changes.Notification> notifications) {
        if (notifications.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = notifications.stream().map(n -> Tuple.from(new Object[] {n.id(), n.orderId(),
                n.orderLineId(), n.runId(), n.jobId(), n.kind(), n.dedupeKey(), JsonValues.jsonb(n.payload())})).toList();
        return client.preparedQuery("INSERT INTO dispatch.notifications (id, order_id, order_line_id, run_id, job_id, "
                + "kind, dedupe_key, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING")
                .executeBatch(batch).replaceWithVoid();
    }

    /**
     * Moves an order line ({@code processing} only from {@code pending}; null keeps a value). Its order follows in the
     * database (V12 and V13, next to the open-line count of V11): a {@code processing} order whose last open line
     * closes ends {@code failed} if a line failed, else {@code completed} if one completed, else {@code cancelled},
     * with {@code completed_at}. Dispatch moved the order to {@code processing} (RunWriter); orders an older version
     * left draft or submitted were moved by V13, so nothing here touches the order.
     */
    Uni<Void> updateOrderLine(SqlClient client, Changes.OrderLineUpdate u) {
        return client.preparedQuery("UPDATE dispatch.order_lines SET render_status = "
                + "coalesce($2, render_status), result_path = coalesce($3, result_path), updated_at = now() WHERE id = $1 "
                + "AND ($2::text IS DISTINCT FROM 'processing' OR render_status = 'pending')")
                .execute(Tuple.of(u.orderLineId(), u.renderStatus(), u.resultPath())).replaceWithVoid();
    }

    /**
     * A failed order line whose run runs again (resume, retry) is being rendered again: back to {@code processing}, and
     * its order with it when it had ended (V12). A completed line keeps its result until the run replaces it.
     */
    Uni<Void> reopenOrderLine(SqlClient client, UUID orderLineId) {
        return client.preparedQuery("UPDATE dispatch.order_lines SET render_status = 'processing', updated_at = now() "
                + "WHERE id = $1 AND render_status = 'failed'").execute(Tuple.of(orderLineId)).replaceWithVoid();
    }

    Uni<Void> updateCadFile(SqlClient client, UUID cadFileId, Object parsedObjects) {
        return client.preparedQuery("UPDATE dispatch.cad_files SET parsed_objects = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(cadFileId, JsonValues.jsonb(parsedObjects))).replaceWithVoid();
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
