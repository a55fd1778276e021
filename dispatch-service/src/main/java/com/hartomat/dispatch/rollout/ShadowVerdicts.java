package com.hartomat.dispatch.rollout;

import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comparison verdicts of shadow runs, as received on {@code comparison.verdicts.v1}. */
@ApplicationScoped
public class ShadowVerdicts {

    private final Pool pool;

    public ShadowVerdicts(Pool pool) {
        this.pool = pool;
    }

    public record LatestVerdict(String verdict, String workflowRunId, String status, List<Object> reasons,
            OffsetDateTime decidedAt) {
        public boolean passed() {
            return "pass".equals(verdict);
        }

        static LatestVerdict of(Row r) {
            return new LatestVerdict(r.getString("verdict"), r.getString("workflow_run_id"), r.getString("status"),
                    JsonValues.list(r.getValue("reasons")), r.getOffsetDateTime("decided_at"));
        }
    }

    /**
     * Stores a verdict with what it measured, one per shadow run: the verdict of the run's latest comparison attempt.
     * A redelivered verdict (same attempt) replaces the earlier copy, a later attempt's (the run was retried and
     * compared again) replaces the earlier attempt's, and an earlier attempt's arriving late changes nothing.
     */
    public Uni<Void> record(ComparisonVerdict v) {
        OffsetDateTime decided = (v.decidedAt() == null ? java.time.Instant.now() : v.decidedAt()).atOffset(ZoneOffset.UTC);
        Object metrics = v.metrics() == null ? null : JsonValues.MAPPER.convertValue(v.metrics(), Map.class);
        return pool.preparedQuery("INSERT INTO dispatch.shadow_verdicts (workflow_run_id, comparison_id, order_line_id, "
                + "output_type_id, workflow_def_id, verdict, status, reasons, decided_at, metrics, attempt) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                + "ON CONFLICT (workflow_run_id) DO UPDATE SET comparison_id = excluded.comparison_id, "
                + "verdict = excluded.verdict, status = excluded.status, reasons = excluded.reasons, "
                + "decided_at = excluded.decided_at, output_type_id = excluded.output_type_id, "
                + "workflow_def_id = excluded.workflow_def_id, metrics = excluded.metrics, attempt = excluded.attempt, "
                + "received_at = now() WHERE excluded.attempt >= dispatch.shadow_verdicts.attempt")
                .execute(Tuple.from(new Object[] {v.workflowRunId(), v.comparisonId(), v.orderLineId(), v.outputTypeId(),
                        v.workflowDefId(), v.verdict().wire(), v.status(), JsonValues.jsonb(v.reasons()), decided,
                        JsonValues.jsonb(metrics), v.attemptOrFirst()}))
                .replaceWithVoid();
    }

    /** A verdict as readiness shows it; {@code attempt}: the comparison attempt of the run it decides. */
    public record VerdictView(String workflowRunId, String verdict, String status, Double meanPixelDelta,
            Double noiseFloor, List<Object> reasons, OffsetDateTime decidedAt, int attempt) {
    }

    /** The output type's most recent verdicts, newest first. */
    public Uni<List<VerdictView>> recent(String outputTypeId, int limit) {
        return pool.preparedQuery("SELECT * FROM dispatch.shadow_verdicts WHERE output_type_id = $1 "
                + "ORDER BY decided_at DESC, received_at DESC LIMIT $2").execute(Tuple.of(outputTypeId, limit))
                .map(rows -> {
                    List<VerdictView> out = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> m = r.getValue("metrics") == null ? Map.of() : JsonValues.map(r.getValue("metrics"));
                        out.add(new VerdictView(r.getString("workflow_run_id"), r.getString("verdict"),
                                r.getString("status"), number(m.get("mean_pixel_delta")), number(m.get("noise_floor")),
                                JsonValues.list(r.getValue("reasons")), r.getOffsetDateTime("decided_at"),
                                r.getInteger("attempt")));
                    }
                    return out;
                });
    }

    /** Passing verdicts since the output type's last verdict that did not pass. */
    public Uni<Long> consecutivePasses(String outputTypeId) {
        return pool.preparedQuery("SELECT count(*) AS passes FROM dispatch.shadow_verdicts WHERE output_type_id = $1 "
                + "AND verdict = 'pass' AND decided_at > coalesce((SELECT max(decided_at) FROM dispatch.shadow_verdicts "
                + "WHERE output_type_id = $1 AND verdict <> 'pass'), '-infinity'::timestamptz)")
                .execute(Tuple.of(outputTypeId)).map(rows -> rows.iterator().next().getLong("passes"));
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    public Uni<Optional<LatestVerdict>> latest(RolloutScope scope, String targetId) {
        String column = scope == RolloutScope.OUTPUT_TYPE ? "output_type_id" : "workflow_def_id";
        return pool.preparedQuery("SELECT * FROM dispatch.shadow_verdicts WHERE " + column + " = $1 "
                + "ORDER BY decided_at DESC, received_at DESC LIMIT 1").execute(Tuple.of(targetId))
                .map(rows -> rows.size() == 0 ? Optional.<LatestVerdict>empty()
                        : Optional.of(LatestVerdict.of(rows.iterator().next())));
    }
}
