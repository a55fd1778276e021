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
import java.util.List;
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

    /** Stores a verdict; a redelivered verdict for the same run replaces the earlier copy. */
    public Uni<Void> record(ComparisonVerdict v) {
        OffsetDateTime decided = (v.decidedAt() == null ? java.time.Instant.now() : v.decidedAt()).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO dispatch.shadow_verdicts (workflow_run_id, comparison_id, order_line_id, "
                + "output_type_id, workflow_def_id, verdict, status, reasons, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT (workflow_run_id) DO UPDATE SET comparison_id = excluded.comparison_id, "
                + "verdict = excluded.verdict, status = excluded.status, reasons = excluded.reasons, "
                + "decided_at = excluded.decided_at, output_type_id = excluded.output_type_id, "
                + "workflow_def_id = excluded.workflow_def_id, received_at = now()")
                .execute(Tuple.from(new Object[] {v.workflowRunId(), v.comparisonId(), v.orderLineId(), v.outputTypeId(),
                        v.workflowDefId(), v.verdict().wire(), v.status(), JsonValues.jsonb(v.reasons()), decided}))
                .replaceWithVoid();
    }

    public Uni<Optional<LatestVerdict>> latest(RolloutScope scope, String targetId) {
        String column = scope == RolloutScope.OUTPUT_TYPE ? "output_type_id" : "workflow_def_id";
        return pool.preparedQuery("SELECT * FROM dispatch.shadow_verdicts WHERE " + column + " = $1 "
                + "ORDER BY decided_at DESC, received_at DESC LIMIT 1").execute(Tuple.of(targetId))
                .map(rows -> rows.size() == 0 ? Optional.<LatestVerdict>empty()
                        : Optional.of(LatestVerdict.of(rows.iterator().next())));
    }
}
