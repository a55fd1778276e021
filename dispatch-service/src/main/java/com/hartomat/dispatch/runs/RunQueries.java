package com.hartomat.dispatch.runs;

import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.dispatch.errors.ApiException;
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

    public record NodeResultView(String nodeName, String step, String status, Map<String, Object> output,
            String errorMessage, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record RunView(UUID id, String status, String executionMode, String workflowDefId, UUID orderLineId,
            UUID cadFileId, String celeryTaskId, String errorMessage, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime completedAt, List<NodeResultView> nodeResults) {
    }

    public Uni<RunView> run(UUID id) {
        return pool.preparedQuery("SELECT * FROM dispatch.workflow_runs WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ApiException.notFound("workflow_run", id.toString()));
                    }
                    Row run = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM dispatch.workflow_node_results WHERE run_id = $1 "
                            + "ORDER BY position").execute(Tuple.of(id)).map(nodes -> {
                                List<NodeResultView> results = new ArrayList<>();
                                nodes.forEach(n -> results.add(new NodeResultView(n.getString("node_name"),
                                        n.getString("step"), n.getString("status"), JsonValues.map(n.getValue("output")),
                                        n.getString("error_message"), n.getOffsetDateTime("created_at"),
                                        n.getOffsetDateTime("updated_at"))));
                                return view(run, results);
                            });
                });
    }

    public Uni<Page<RunView>> runs(UUID orderLineId, String workflowId, String status, int page, int size) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), 200);
        return pool.preparedQuery("SELECT *, count(*) OVER () AS total FROM dispatch.workflow_runs "
                + "WHERE ($1::uuid IS NULL OR order_line_id = $1) AND ($2::text IS NULL OR workflow_def_id = $2) "
                + "AND ($3::text IS NULL OR status = $3) ORDER BY created_at DESC, id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(orderLineId, workflowId, status, s, (p - 1) * s)).map(rows -> {
                    List<RunView> items = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        items.add(view(r, null));
                        total = r.getLong("total");
                    }
                    return new Page<>(items, total, p, s);
                });
    }

    private static RunView view(Row r, List<NodeResultView> nodes) {
        return new RunView(r.getUUID("id"), r.getString("status"), r.getString("execution_mode"),
                r.getString("workflow_def_id"), r.getUUID("order_line_id"), r.getUUID("cad_file_id"),
                r.getString("celery_task_id"), r.getString("error_message"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("completed_at"), nodes);
    }
}
