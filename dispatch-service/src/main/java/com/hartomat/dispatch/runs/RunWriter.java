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

    /** runs.status.v1: the run's status, and every node that left pending at dispatch. */
    static List<OutboxRow> statusEvents(RunRecord run, Instant now) {
        List<OutboxRow> rows = new ArrayList<>();
        String runId = run.id().toString();
        String orderLine = run.orderLineId() == null ? null : run.orderLineId().toString();
        String cad = run.cadFileId() == null ? null : run.cadFileId().toString();
        rows.add(OutboxRow.of(Topics.RUNS_STATUS, runId, new RunStatusEvent(UUID.randomUUID().toString(), runId,
                RunStatusEvent.SCOPE_RUN, null, null, run.status(), null, run.executionMode(), run.workflowDefId(),
                orderLine, cad, run.errorMessage(), null, now)));
        for (NodeResultRecord node : run.nodeResults()) {
            if (node.status() == RunStatus.PENDING) {
                continue;
            }
            rows.add(OutboxRow.of(Topics.RUNS_STATUS, runId, new RunStatusEvent(UUID.randomUUID().toString(), runId,
                    RunStatusEvent.SCOPE_NODE, node.nodeName(), node.step(), node.status(), RunStatus.PENDING,
                    run.executionMode(), run.workflowDefId(), orderLine, cad, node.errorMessage(),
                    node.status() == RunStatus.QUEUED ? node.output() : null, now)));
        }
        return rows;
    }
}
