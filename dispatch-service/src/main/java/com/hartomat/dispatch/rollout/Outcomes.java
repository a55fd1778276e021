package com.hartomat.dispatch.rollout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Counts how an output type's renders ended, from dispatch's own runs and jobs: graph-authoritative runs that finished
 * in the window; legacy and fallback jobs of its order lines that finished in the window, or — when the window holds
 * fewer than {@code minSamples} of them — the {@code minSamples} most recent ones, so a baseline exists after a
 * switch to graph has made legacy renders rare.
 */
@ApplicationScoped
public class Outcomes {

    public Uni<OutcomeCounts> count(SqlClient client, String outputTypeId, Duration window, int minSamples) {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(window);
        return client.preparedQuery("SELECT g.runs AS graph_runs, g.failed AS graph_failed, l.runs AS legacy_runs, "
                + "l.failed AS legacy_failed FROM (SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'failed') "
                + "AS failed FROM dispatch.workflow_runs WHERE output_type_id = $1 AND execution_mode = 'graph' "
                + "AND status IN ('completed', 'failed') AND completed_at >= $2) g, (SELECT count(*) AS runs, "
                + "count(*) FILTER (WHERE status = 'failed') AS failed FROM (SELECT j.status, j.finished_at, "
                + "row_number() OVER (ORDER BY j.finished_at DESC) AS recent FROM dispatch.render_jobs j "
                + "JOIN dispatch.order_lines ol ON ol.id = j.order_line_id WHERE ol.output_type_id = $1 "
                + "AND j.role IN ('legacy', 'fallback') AND j.status IN ('completed', 'failed')) x "
                + "WHERE x.finished_at >= $2 OR x.recent <= $3) l")
                .execute(Tuple.of(outputTypeId, since, minSamples)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new OutcomeCounts(r.getLong("graph_runs"), r.getLong("graph_failed"), r.getLong("legacy_runs"),
                            r.getLong("legacy_failed"));
                });
    }
}
