package com.hartomat.dispatch.runs;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes a {@link DispatchWrite} in one transaction on the reactive client, then wakes the outbox relay. */
@ApplicationScoped
public class RunWriter {

    private static final String INSERT_RUN = "INSERT INTO dispatch.workflow_runs (id, workflow_def_id, order_line_id, "
            + "cad_file_id, execution_mode, status, celery_task_id, error_message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String INSERT_NODE = "INSERT INTO dispatch.workflow_node_results (id, run_id, position, node_name, "
            + "step, status, output, error_message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String INSERT_OUTBOX = "INSERT INTO dispatch.outbox (topic, message_key, payload, headers) "
            + "VALUES ($1, $2, $3, CAST($4 AS jsonb))";

    /**
     * The whole dispatch as one statement (one round trip, atomic as any single statement): data-modifying CTEs
     * insert the runs, node results and outbox rows and move the order; foreign keys are checked at the end of the
     * statement, when the runs exist. WITH ORDINALITY keeps the outbox ids in the given order (per-key order).
     */
    private static final String WRITE_ALL = "WITH runs AS (INSERT INTO dispatch.workflow_runs (id, workflow_def_id, "
            + "order_line_id, cad_file_id, execution_mode, status, celery_task_id, error_message) "
            + "SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], "
            + "$8::text[])), nodes AS (INSERT INTO dispatch.workflow_node_results (id, run_id, position, node_name, step, "
            + "status, output, error_message) SELECT i, r, p, n, s, st, o::jsonb, e FROM unnest($9::uuid[], $10::uuid[], "
            + "$11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[]) AS x(i, r, p, n, s, st, o, e)), "
            + "box AS (INSERT INTO dispatch.outbox (topic, message_key, payload, headers) SELECT t, k, m, h::jsonb "
            + "FROM unnest($17::text[], $18::text[], $19::text[], $20::text[]) WITH ORDINALITY AS x(t, k, m, h, ord) "
            + "ORDER BY ord), moved AS (UPDATE dispatch.orders SET status = 'processing', "
            + "processing_started_at = coalesce(processing_started_at, now()), updated_at = now() "
            + "WHERE id = $21 AND status = 'submitted') SELECT 1";

    private final Pool pool;
    private final OutboxRelayLifecycle relay;

    public RunWriter(Pool pool, OutboxRelayLifecycle relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /** Commits the write; fails with {@link IdempotentReplay} (and writes nothing) when the key was used meanwhile. */
    public Uni<Void> write(DispatchWrite write) {
        List<Tuple> runs = new ArrayList<>();
        List<Tuple> nodes = new ArrayList<>();
        List<Tuple> outbox = new ArrayList<>();
        Instant now = Instant.now();
        for (RunRecord run : write.runs()) {
            runs.add(Tuple.from(new Object[] {run.id(), run.workflowDefId(), run.orderLineId(), run.cadFileId(),
                    run.executionMode().wire(), run.status().wire(), run.celeryTaskId(), run.errorMessage()}));
            int position = 0;
            for (NodeResultRecord node : run.nodeResults()) {
                nodes.add(Tuple.from(new Object[] {UUID.randomUUID(), run.id(), position++, node.nodeName(), node.step(),
                        node.status().wire(), JsonValues.jsonb(node.output() == null ? Map.of() : node.output()),
                        node.errorMessage()}));
            }
            for (OutboxRow row : statusEvents(run, now)) {
                outbox.add(outboxTuple(row));
            }
        }
        for (OutboxRow row : write.jobRows()) {
            outbox.add(outboxTuple(row));
        }
        if (write.idempotency() == null) {
            return writeAll(write, runs, nodes, outbox).invoke(() -> {
                if (!outbox.isEmpty()) {
                    relay.wakeUp();
                }
            });
        }
        return pool.withTransaction(conn -> batch(conn, INSERT_RUN, runs)
                .flatMap(v -> batch(conn, INSERT_NODE, nodes))
                .flatMap(v -> batch(conn, INSERT_OUTBOX, outbox))
                .flatMap(v -> write.orderToProcessing() == null ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("UPDATE dispatch.orders SET status = 'processing', "
                                + "processing_started_at = coalesce(processing_started_at, now()), updated_at = now() "
                                + "WHERE id = $1 AND status = 'submitted'")
                                .execute(Tuple.of(write.orderToProcessing())).replaceWithVoid())
                .flatMap(v -> idempotency(conn, write.idempotency())))
                .invoke(() -> {
                    if (!outbox.isEmpty()) {
                        relay.wakeUp();
                    }
                });
    }

    private Uni<Void> writeAll(DispatchWrite write, List<Tuple> runs, List<Tuple> nodes, List<Tuple> outbox) {
        Object[] args = new Object[21];
        args[0] = column(runs, 0, UUID.class);
        args[1] = column(runs, 1, String.class);
        args[2] = column(runs, 2, UUID.class);
        args[3] = column(runs, 3, UUID.class);
        for (int i = 4; i < 8; i++) {
            args[i] = column(runs, i, String.class);
        }
        args[8] = column(nodes, 0, UUID.class);
        args[9] = column(nodes, 1, UUID.class);
        args[10] = column(nodes, 2, Integer.class);
        args[11] = column(nodes, 3, String.class);
        args[12] = column(nodes, 4, String.class);
        args[13] = column(nodes, 5, String.class);
        String[] outputs = new String[nodes.size()];
        for (int i = 0; i < outputs.length; i++) {
            Object v = nodes.get(i).getValue(6);
            outputs[i] = v == null ? "{}" : v.toString();
        }
        args[14] = outputs;
        args[15] = column(nodes, 7, String.class);
        for (int i = 0; i < 4; i++) {
            args[16 + i] = column(outbox, i, String.class);
        }
        args[20] = write.orderToProcessing();
        return pool.preparedQuery(WRITE_ALL).execute(Tuple.from(args)).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Tuple> rows, int index, Class<T> type) {
        T[] out = (T[]) java.lang.reflect.Array.newInstance(type, rows.size());
        for (int i = 0; i < out.length; i++) {
            out[i] = type.cast(rows.get(i).getValue(index));
        }
        return out;
    }

    private static Uni<Void> idempotency(SqlConnection conn, DispatchWrite.Idempotency idem) {
        if (idem == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO dispatch.dispatch_requests (idempotency_key, scope, response, http_status) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(idem.key(), idem.scope(), JsonValues.jsonb(idem.response()), idem.status()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new IdempotentReplay();
                    }
                    return null;
                });
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(sql).executeBatch(tuples).replaceWithVoid();
    }

    private static Tuple outboxTuple(OutboxRow row) {
        return Tuple.of(row.topic(), row.key(), row.payload(), row.headersJson());
    }

    /**
     * runs.status.v1 at dispatch: one run event whose output carries every node's status (in-process steps start and
     * complete inside the dispatch transaction, so their transitions travel together), plus one node event per node
     * that left for a render job or failed. Later transitions (job progress and completion) get their own events.
     */
    static List<OutboxRow> statusEvents(RunRecord run, Instant now) {
        List<OutboxRow> rows = new ArrayList<>();
        String runId = run.id().toString();
        String orderLine = run.orderLineId() == null ? null : run.orderLineId().toString();
        String cad = run.cadFileId() == null ? null : run.cadFileId().toString();
        Map<String, Object> statuses = new java.util.LinkedHashMap<>();
        for (NodeResultRecord node : run.nodeResults()) {
            statuses.put(node.nodeName(), node.status().wire());
        }
        rows.add(OutboxRow.of(Topics.RUNS_STATUS, runId, new RunStatusEvent(UUID.randomUUID().toString(), runId,
                RunStatusEvent.SCOPE_RUN, null, null, run.status(), null, run.executionMode(), run.workflowDefId(),
                orderLine, cad, run.errorMessage(), Map.of("node_statuses", statuses), now)));
        for (NodeResultRecord node : run.nodeResults()) {
            if (node.status() != RunStatus.QUEUED && node.status() != RunStatus.FAILED) {
                continue;
            }
            rows.add(OutboxRow.of(Topics.RUNS_STATUS, runId, new RunStatusEvent(UUID.randomUUID().toString(), runId,
                    RunStatusEvent.SCOPE_NODE, node.nodeName(), node.step(), node.status(), RunStatus.PENDING,
                    run.executionMode(), run.workflowDefId(), orderLine, cad, node.errorMessage(), node.output(), now)));
        }
        return rows;
    }
}
