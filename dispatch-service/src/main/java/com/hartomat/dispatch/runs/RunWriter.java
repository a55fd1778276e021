package com.hartomat.dispatch.runs;

import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
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

    /**
     * The whole dispatch as one statement (one round trip, atomic as any single statement): data-modifying CTEs
     * insert the runs, node results, render jobs, status events and outbox rows and move the order (a draft or
     * submitted order becomes processing at its first dispatch: queuing a line's render submits a draft), and open a
     * failed or cancelled line again (its order follows in the open-line trigger, after the statement); foreign keys are
     * checked at the end of the statement, when the runs exist. WITH ORDINALITY keeps the outbox ids in the given
     * order (per-key order).
     */
    static final String WRITE_ALL = "WITH runs AS (INSERT INTO dispatch.workflow_runs (id, workflow_def_id, "
            + "order_line_id, cad_file_id, output_type_id, execution_mode, status, celery_task_id, error_message, "
            + "authoritative_job_id, last_sequence, config, completed_at) SELECT i, w, o, c, ot, m, s, t, e, a, q, g::jsonb, "
            + "CASE WHEN s = 'failed' THEN now() END FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], "
            + "$5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int8[], $12::text[]) "
            + "AS x(i, w, o, c, ot, m, s, t, e, a, q, g)), "
            + "nodes AS (INSERT INTO dispatch.workflow_node_results (id, run_id, position, node_name, step, status, "
            + "output, error_message, job_id, attempt, queued_at) SELECT i, r, p, n, s, st, o::jsonb, e, j, a, "
            + "CASE WHEN j IS NOT NULL THEN now() END FROM unnest($13::uuid[], $14::uuid[], $15::int[], $16::text[], "
            + "$17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::int[]) "
            + "AS x(i, r, p, n, s, st, o, e, j, a)), "
            + "box AS (" + EventRows.outboxInsert(23) + "), "
            + "events AS (" + EventRows.eventsInsert(27) + "), "
            + "jobs AS (INSERT INTO dispatch.render_jobs (job_id, job_type, role, run_id, node_id, order_line_id, "
            + "cad_file_id, shadow_run_id) SELECT * FROM unnest($34::text[], $35::text[], $36::text[], $37::uuid[], "
            + "$38::text[], $39::uuid[], $40::uuid[], $41::uuid[])), "
            + "moved AS (UPDATE dispatch.orders SET status = 'processing', "
            + "processing_started_at = coalesce(processing_started_at, now()), updated_at = now() "
            + "WHERE id = $42 AND status IN ('draft', 'submitted')), "
            + "reopened AS (UPDATE dispatch.order_lines SET render_status = 'pending', updated_at = now() "
            + "WHERE id = $43 AND render_status IN ('failed', 'cancelled')) SELECT 1";

    private final Pool pool;
    private final OutboxRelayLifecycle relay;

    public RunWriter(Pool pool, OutboxRelayLifecycle relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /** Commits the write; fails with {@link IdempotentReplay} (and writes nothing) when the key was used meanwhile. */
    public Uni<Void> write(DispatchWrite write) {
        Tuple args = arguments(write, Instant.now());
        Uni<Void> done = write.idempotency() == null
                ? writeAll(pool, args)
                : pool.withTransaction(conn -> writeAll(conn, args).flatMap(v -> idempotency(conn, write.idempotency())));
        return done.invoke(relay::wakeUp);
    }

    private static Uni<Void> writeAll(SqlClient client, Tuple args) {
        return client.preparedQuery(WRITE_ALL).execute(args).replaceWithVoid();
    }

    static Tuple arguments(DispatchWrite write, Instant now) {
        Columns runs = new Columns(12);
        Columns nodes = new Columns(10);
        EventRows events = new EventRows();
        Columns jobs = new Columns(8);
        for (RunRecord run : write.runs()) {
            RunEvents runEvents = RunEvents.atDispatch(run, now);
            runs.add(run.id(), run.workflowDefId(), run.orderLineId(), run.cadFileId(), run.outputTypeId(),
                    run.executionMode().wire(), run.status().wire(), run.celeryTaskId(), run.errorMessage(),
                    run.authoritativeJobId(), runEvents.lastSequence(), run.config());
            int position = 0;
            for (NodeResultRecord node : run.nodeResults()) {
                Object jobId = node.output() == null ? null : node.output().get("task_id");
                boolean queued = jobId != null && node.status() == com.hartomat.contracts.messages.RunStatus.QUEUED;
                nodes.add(UUID.randomUUID(), run.id(), position++, node.nodeName(), node.step(), node.status().wire(),
                        JsonValues.jsonb(node.output() == null ? Map.of() : node.output()).toString(),
                        node.errorMessage(), queued ? jobId.toString() : null, queued ? 1 : 0);
            }
            for (RunEvents.Event event : runEvents.events()) {
                events.event(run.id(), event.message().sequence(), event.message().eventId(), run.workflowDefId(),
                        run.orderLineId(), run.outputTypeId(), event.row());
            }
        }
        for (OutboxRow row : write.jobRows()) {
            events.outbox(row);
        }
        for (JobRecord job : write.jobs()) {
            jobs.add(job.jobId(), job.jobType(), job.role().wire(), job.runId(), job.nodeId(), job.orderLineId(),
                    job.cadFileId(), job.shadowRunId());
        }
        List<Object> args = new ArrayList<>(43);
        runs.appendTo(args, UUID.class, String.class, UUID.class, UUID.class, String.class, String.class, String.class,
                String.class, String.class, String.class, Long.class, String.class);
        nodes.appendTo(args, UUID.class, UUID.class, Integer.class, String.class, String.class, String.class,
                String.class, String.class, String.class, Integer.class);
        events.appendTo(args);
        jobs.appendTo(args, String.class, String.class, String.class, UUID.class, String.class, UUID.class, UUID.class,
                UUID.class);
        args.add(write.orderToProcessing());
        args.add(write.lineRendered());
        return Tuple.from(args);
    }

    private static Uni<Void> idempotency(SqlConnection conn, DispatchWrite.Idempotency idem) {
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
}
