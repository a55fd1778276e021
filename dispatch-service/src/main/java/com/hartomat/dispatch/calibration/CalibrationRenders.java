package com.hartomat.dispatch.calibration;

import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.dispatch.DispatchService;
import com.hartomat.dispatch.dispatch.LegacyJobs;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.lifecycle.LifecycleStore;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Queues the renders of an A/A calibration: the same order line rendered {@code runs} times by legacy, exactly as a
 * shadow dispatch's authoritative side would render it, publishing nothing. Idempotent by calibration id, so a caller
 * that retries after a lost answer gets the same renders, never a second set. The lifecycle sends the pairs for
 * comparison once all renders have ended ({@code lifecycle/CalibrationPairs}).
 */
@ApplicationScoped
public class CalibrationRenders {

    public static final int MIN_RUNS = 2;
    public static final int MAX_RUNS = 10;

    private final DispatchService dispatch;
    private final RenderJobQueue queue;
    private final Pool pool;
    private final OutboxRelayLifecycle relay;
    private final LifecycleStore store;

    public CalibrationRenders(DispatchService dispatch, RenderJobQueue queue, Pool pool, OutboxRelayLifecycle relay,
            LifecycleStore store) {
        this.dispatch = dispatch;
        this.queue = queue;
        this.pool = pool;
        this.relay = relay;
        this.store = store;
    }

    /** What was queued (or had been, for a repeated request). */
    public record Started(UUID calibrationId, String outputTypeId, UUID orderLineId, int runs, List<String> jobIds,
            boolean created) {
    }

    public Uni<Started> start(String outputTypeId, UUID calibrationId, UUID orderLineId, int runs, String requestedBy) {
        if (runs < MIN_RUNS || runs > MAX_RUNS) {
            return Uni.createFrom().failure(ApiException.invalid("invalid_runs", "runs must be between " + MIN_RUNS
                    + " and " + MAX_RUNS + ", got " + runs, "/runs"));
        }
        return existing(pool, calibrationId).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().item(same(found, calibrationId, outputTypeId, orderLineId, runs));
            }
            return dispatch.legacyRender(orderLineId).flatMap(render -> {
                if (!outputTypeId.equals(render.ctx().outputTypeId())) {
                    return Uni.createFrom().failure(ApiException.invalid("order_line_output_type_mismatch",
                            "order line " + orderLineId + " renders output type " + render.ctx().outputTypeId()
                                    + ", not " + outputTypeId, "/order_line_id"));
                }
                Instant now = Instant.now();
                List<RenderJob> jobs = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    jobs.add(LegacyJobs.calibrationJob(render.ctx(), render.materials(), render.defaultMaterial(),
                            render.preset(), render.workflowDefId(), render.params(), calibrationId, i, now));
                }
                return pool.withTransaction(conn -> write(conn, outputTypeId, calibrationId, orderLineId, runs,
                        requestedBy, jobs));
            });
        }).invoke(started -> {
            if (started.created()) {
                relay.wakeUp();
            }
        });
    }

    private Uni<Started> write(SqlClient conn, String outputTypeId, UUID calibrationId, UUID orderLineId, int runs,
            String requestedBy, List<RenderJob> jobs) {
        return conn.preparedQuery("INSERT INTO dispatch.calibrations (id, output_type_id, order_line_id, runs, "
                + "requested_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id")
                .execute(Tuple.of(calibrationId, outputTypeId, orderLineId, runs, requestedBy)).flatMap(inserted -> {
                    if (inserted.size() == 0) { // the same calibration was started concurrently: its renders stand
                        return existing(conn, calibrationId).map(found -> same(found, calibrationId, outputTypeId, orderLineId,
                                runs));
                    }
                    List<Tuple> rows = new ArrayList<>();
                    List<OutboxRow> outbox = new ArrayList<>();
                    for (int i = 0; i < jobs.size(); i++) {
                        RenderJob job = jobs.get(i);
                        rows.add(Tuple.from(new Object[] {job.jobId(), job.jobType().wire(), orderLineId, calibrationId, i}));
                        outbox.add(queue.stage(job, RenderJobQueue.Role.LEGACY));
                    }
                    return conn.preparedQuery("INSERT INTO dispatch.render_jobs (job_id, job_type, role, order_line_id, "
                            + "calibration_id, calibration_index) VALUES ($1, $2, 'calibration', $3, $4, $5)")
                            .executeBatch(rows)
                            .flatMap(v -> store.insertOutbox(conn, outbox))
                            .map(v -> new Started(calibrationId, outputTypeId, orderLineId, runs,
                                    jobs.stream().map(RenderJob::jobId).toList(), true));
                });
    }

    private record Existing(String outputTypeId, UUID orderLineId, int runs, List<String> jobIds) {
    }

    private static Uni<Existing> existing(SqlClient client, UUID calibrationId) {
        return client.preparedQuery("SELECT c.output_type_id, c.order_line_id, c.runs, array_remove(array_agg(j.job_id "
                + "ORDER BY j.calibration_index), NULL) AS job_ids FROM dispatch.calibrations c LEFT JOIN dispatch.render_jobs j "
                + "ON j.calibration_id = c.id WHERE c.id = $1 GROUP BY c.id").execute(Tuple.of(calibrationId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Existing(r.getString("output_type_id"), r.getUUID("order_line_id"), r.getInteger("runs"),
                            List.of(r.getArrayOfStrings("job_ids")));
                });
    }

    /** A repeated request must be the same request: the id names one calibration. */
    private static Started same(Existing found, UUID calibrationId, String outputTypeId, UUID orderLineId, int runs) {
        if (!found.outputTypeId().equals(outputTypeId) || !found.orderLineId().equals(orderLineId)
                || found.runs() != runs) {
            throw ApiException.conflict("calibration_id_in_use", "calibration " + calibrationId + " already exists with output type "
                    + found.outputTypeId() + ", order line " + found.orderLineId() + " and " + found.runs() + " runs",
                    "/calibration_id");
        }
        return new Started(calibrationId, outputTypeId, orderLineId, runs, found.jobIds(), false);
    }
}
