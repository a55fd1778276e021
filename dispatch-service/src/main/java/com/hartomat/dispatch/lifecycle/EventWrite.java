package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.runs.Columns;
import com.hartomat.dispatch.runs.EventRows;
import com.hartomat.dispatch.runs.RunEvents;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows every applied event (and every operator's run change) writes, as one statement: the changed node results
 * (from arrays, with {@code unnest}), the run, the job, the outbox rows and the kept status events. One statement
 * execution and one round trip where they used to take one each (and one per changed node). Each part matches no row
 * when it has nothing to write (a null run or job id, empty arrays).
 *
 * <p>The order line, whose update fires the open-line trigger, and the rarer rows (new jobs, held jobs, media assets,
 * notifications, the CAD file) stay separate statements: an order line can be moved twice by one event, which one
 * {@code UPDATE … FROM unnest} cannot express, and a media asset's replacement must see its own deletion.
 */
final class EventWrite {

    private static final String[] NODE_TYPES = {"text", "text", "text", "text", "text", "int4", "text", "text", "text",
        "timestamptz", "timestamptz", "timestamptz", "int8", "text", "text", "bool"};

    /** $1 the run id; $2..$17 the changed nodes; $18..$26 the run; $27..$35 the job; $36..$46 outbox and events. */
    static final String SQL = "WITH nodes AS (UPDATE dispatch.workflow_node_results n SET status = x.st, "
            + "output = x.o::jsonb, error_message = x.em, job_id = x.j, attempt = x.a, worker_id = x.w, "
            + "progress = x.p::jsonb, artifacts = x.ar::jsonb, queued_at = x.qa, started_at = x.sa, finished_at = x.fa, "
            + "duration_ms = x.d, log_excerpt = x.l, error_code = x.ec, retryable = x.rt, updated_at = now() "
            + "FROM unnest(" + Columns.params(2, NODE_TYPES) + ") "
            + "AS x(nm, st, o, em, j, a, w, p, ar, qa, sa, fa, d, l, ec, rt) "
            + "WHERE n.run_id = $1 AND n.node_name = x.nm), "
            + "run AS (UPDATE dispatch.workflow_runs SET status = $18, last_sequence = $19, started_at = $20, "
            + "completed_at = $21, error_message = $22, fallback_job_id = $23, fallback_from = $24, "
            + "comparison_requested_at = $25, comparison_attempts = $26, updated_at = clock_timestamp() "
            + "WHERE id = $1), "
            + "job AS (UPDATE dispatch.render_jobs SET status = $28, attempt = $29, worker_id = $30, artifacts = $31, "
            + "failure = $32, started_at = CASE WHEN $33 THEN coalesce(started_at, now()) ELSE started_at END, "
            + "finished_at = CASE WHEN $34 THEN now() ELSE finished_at END, "
            + "last_heartbeat_at = greatest(last_heartbeat_at, $35) WHERE job_id = $27), "
            + "box AS (" + EventRows.outboxInsert(36) + ") " + EventRows.eventsInsert(40);

    private EventWrite() {
    }

    /**
     * The statement's arguments. {@code run} null writes no run and no node; {@code nodes} only those marked changed;
     * {@code job} null writes no job; {@code events} null keeps no status event.
     */
    static Tuple arguments(RunRow run, List<NodeRow> nodes, JobRow job, List<OutboxRow> outbox, RunEvents events) {
        List<Object> args = new ArrayList<>(46);
        args.add(run == null ? null : run.id);
        Columns changed = new Columns(NODE_TYPES.length);
        if (run != null && nodes != null) {
            for (NodeRow n : nodes) {
                if (n.changed) {
                    changed.add(n.name, n.status.wire(), jsonText(n.output), n.errorMessage, n.jobId, n.attempt,
                            n.workerId, jsonText(n.progress), jsonText(n.artifacts), odt(n.queuedAt), odt(n.startedAt),
                            odt(n.finishedAt), n.durationMs, n.logExcerpt, n.errorCode, n.retryable);
                }
            }
        }
        changed.appendTo(args, String.class, String.class, String.class, String.class, String.class, Integer.class,
                String.class, String.class, String.class, OffsetDateTime.class, OffsetDateTime.class,
                OffsetDateTime.class, Long.class, String.class, String.class, Boolean.class);
        if (run == null) {
            for (int i = 0; i < 9; i++) {
                args.add(null);
            }
        } else {
            args.add(run.status.wire());
            args.add(run.lastSequence);
            args.add(odt(run.startedAt));
            args.add(odt(run.completedAt));
            args.add(run.errorMessage);
            args.add(run.fallbackJobId);
            args.add(run.fallbackFrom);
            args.add(odt(run.comparisonRequestedAt));
            args.add(run.comparisonAttempts);
        }
        if (job == null) {
            Collections.addAll(args, null, null, null, null, null, null, false, false, null);
        } else {
            args.add(job.jobId);
            args.add(job.status);
            args.add(job.attempt);
            args.add(job.workerId);
            args.add(JsonValues.jsonb(job.artifacts));
            args.add(JsonValues.jsonb(job.failure));
            args.add(job.startedNow);
            args.add(job.finishedNow);
            args.add(odt(job.heartbeatNow));
        }
        EventRows.of(events, outbox).appendTo(args);
        return Tuple.from(args);
    }

    /** Whether {@link #arguments} would write anything at all. */
    static boolean writes(RunRow run, JobRow job, List<OutboxRow> outbox, RunEvents events) {
        return run != null || job != null || !outbox.isEmpty() || events != null && !events.events().isEmpty();
    }

    /** A value as the JSON text a jsonb column holds (a plain string becomes a JSON string, as a jsonb parameter does). */
    private static String jsonText(Object value) {
        Object json = JsonValues.jsonb(value);
        if (json == null) {
            return null;
        }
        if (json instanceof JsonObject object) {
            return object.encode();
        }
        return json instanceof JsonArray array ? array.encode() : Json.encode(json);
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
