package com.hartomat.dispatch.runs;

import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.api.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads workflow runs and their node results for the inspection API. */
@ApplicationScoped
public class RunQueries {

    private final Pool pool;

    public RunQueries(Pool pool) {
        this.pool = pool;
    }

    /** A node result: status, outputs, the job that ran it with its attempt, worker, progress, timings and failure. */
    public record NodeResultView(String nodeName, String step, String status, Map<String, Object> output,
            String errorMessage, String jobId, int attempt, String workerId, Map<String, Object> progress,
            List<Object> artifacts, OffsetDateTime queuedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
            Long durationMs, String logExcerpt, String errorCode, Boolean retryable, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    public record RunView(UUID id, String status, String executionMode, String workflowDefId, UUID orderLineId,
            UUID cadFileId, String outputTypeId, String celeryTaskId, String errorMessage, String fallbackJobId,
            String fallbackFrom, long lastSequence, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime startedAt, OffsetDateTime completedAt, List<NodeResultView> nodeResults,
            List<RetryView> retries) {
    }

    /** One retry from a node (run control): who, from which node, the node's params before and after, what ran again. */
    public record RetryView(UUID id, String fromNode, String actor, Map<String, Object> oldParams,
            Map<String, Object> newParams, List<Object> resetNodes, String runStatusBefore, OffsetDateTime createdAt) {
    }

    public Uni<RunView> run(UUID id) {
        return pool.preparedQuery("SELECT * FROM dispatch.workflow_runs WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ApiException.noSuch("workflow_run", id.toString()));
                    }
                    Row run = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM dispatch.workflow_node_results WHERE run_id = $1 "
                            + "ORDER BY position").execute(Tuple.of(id)).map(nodes -> {
                                List<NodeResultView> results = new ArrayList<>();
                                nodes.forEach(n -> results.add(node(n)));
                                return results;
                            }).flatMap(results -> retries(id).map(retries -> view(run, results, retries)));
                });
    }

    public Uni<Page<RunView>> runs(UUID orderLineId, String workflowId, String status, String executionMode, int page,
            int size) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 200);
        return pool.preparedQuery("SELECT *, count(*) OVER () AS total FROM dispatch.workflow_runs "
                + "WHERE ($1::uuid IS NULL OR order_line_id = $1) AND ($2::text IS NULL OR workflow_def_id = $2) "
                + "AND ($3::text IS NULL OR status = $3) AND ($6::text IS NULL OR execution_mode = $6) "
                + "ORDER BY created_at DESC, id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(orderLineId, workflowId, status, s, (long) (p - 1) * s, executionMode)).map(rows -> {
                    List<RunView> items = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        items.add(view(r, null, null));
                        total = r.getLong("total");
                    }
                    return new Page<>(items, total, p, s);
                });
    }

    private static NodeResultView node(Row n) {
        return new NodeResultView(n.getString("node_name"), n.getString("step"), n.getString("status"),
                JsonValues.map(n.getValue("output")), n.getString("error_message"), n.getString("job_id"),
                n.getInteger("attempt"), n.getString("worker_id"),
                n.getValue("progress") == null ? null : JsonValues.map(n.getValue("progress")),
                JsonValues.list(n.getValue("artifacts")), n.getOffsetDateTime("queued_at"),
                n.getOffsetDateTime("started_at"), n.getOffsetDateTime("finished_at"), n.getLong("duration_ms"),
                n.getString("log_excerpt"), n.getString("error_code"), n.getBoolean("retryable"),
                n.getOffsetDateTime("created_at"), n.getOffsetDateTime("updated_at"));
    }

    private Uni<List<RetryView>> retries(UUID runId) {
        return pool.preparedQuery("SELECT * FROM dispatch.run_retries WHERE run_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(runId)).map(rows -> {
                    List<RetryView> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new RetryView(r.getUUID("id"), r.getString("from_node"), r.getString("actor"),
                                JsonValues.map(r.getValue("old_params")), JsonValues.map(r.getValue("new_params")),
                                JsonValues.list(r.getValue("reset_nodes")), r.getString("run_status_before"),
                                r.getOffsetDateTime("created_at")));
                    }
                    return out;
                });
    }

    private static RunView view(Row r, List<NodeResultView> nodes, List<RetryView> retries) {
        return new RunView(r.getUUID("id"), r.getString("status"), r.getString("execution_mode"),
                r.getString("workflow_def_id"), r.getUUID("order_line_id"), r.getUUID("cad_file_id"),
                r.getString("output_type_id"), r.getString("celery_task_id"), r.getString("error_message"),
                r.getString("fallback_job_id"), r.getString("fallback_from"), r.getLong("last_sequence"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("started_at"),
                r.getOffsetDateTime("completed_at"), nodes, retries);
    }
}
