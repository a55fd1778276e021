package com.hartomat.dispatch.rollout;

import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.rollout.ShadowVerdicts.LatestVerdict;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operator rollout settings and their audit trail. Switching to {@code graph} needs the latest shadow verdict to
 * be {@code pass}, or {@code force} with a reason (audited as an override); {@code legacy_only} is always accepted
 * and is read by the very next dispatch (settings are never cached).
 */
@ApplicationScoped
public class RolloutSettings {

    private final Pool pool;
    private final ShadowVerdicts verdicts;

    public RolloutSettings(Pool pool, ShadowVerdicts verdicts) {
        this.pool = pool;
        this.verdicts = verdicts;
    }

    public record Setting(RolloutMode mode, String reason, String updatedBy, OffsetDateTime updatedAt) {
    }

    public record AuditEntry(long id, String scope, String targetId, String fromMode, String toMode, String reason,
            String actor, boolean forced, String latestVerdict, OffsetDateTime changedAt) {
        static AuditEntry of(Row r) {
            return new AuditEntry(r.getLong("id"), r.getString("scope"), r.getString("target_id"),
                    r.getString("from_mode"), r.getString("to_mode"), r.getString("reason"), r.getString("actor"),
                    r.getBoolean("forced"), r.getString("latest_verdict"), r.getOffsetDateTime("changed_at"));
        }
    }

    public record Change(RolloutMode mode, String reason, boolean force, String actor) {
    }

    /** What a dispatch needs from rollout, in one round trip: both operator modes and the latest verdict. */
    public record Snapshot(RolloutMode outputTypeMode, RolloutMode workflowMode, String latestVerdict) {
    }

    public Uni<Snapshot> snapshot(String outputTypeId, String workflowId) {
        return pool.preparedQuery("SELECT (SELECT mode FROM dispatch.rollout_settings WHERE scope = 'output_type' "
                + "AND target_id = $1) AS ot_mode, (SELECT mode FROM dispatch.rollout_settings WHERE "
                + "scope = 'workflow_definition' AND target_id = $2) AS wf_mode, (SELECT verdict FROM dispatch.shadow_verdicts "
                + "WHERE output_type_id = $1 ORDER BY decided_at DESC, received_at DESC LIMIT 1) AS verdict")
                .execute(Tuple.of(outputTypeId, workflowId)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new Snapshot(r.getString("ot_mode") == null ? null : RolloutMode.fromWire(r.getString("ot_mode")),
                            r.getString("wf_mode") == null ? null : RolloutMode.fromWire(r.getString("wf_mode")),
                            r.getString("verdict"));
                });
    }

    public Uni<Optional<Setting>> get(RolloutScope scope, String targetId) {
        return pool.preparedQuery("SELECT * FROM dispatch.rollout_settings WHERE scope = $1 AND target_id = $2")
                .execute(Tuple.of(scope.wire(), targetId))
                .map(rows -> rows.size() == 0 ? Optional.<Setting>empty() : Optional.of(setting(rows.iterator().next())));
    }

    public Uni<List<AuditEntry>> history(RolloutScope scope, String targetId) {
        return pool.preparedQuery("SELECT * FROM dispatch.rollout_audit WHERE scope = $1 AND target_id = $2 ORDER BY id")
                .execute(Tuple.of(scope.wire(), targetId)).map(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(AuditEntry.of(r)));
                    return out;
                });
    }

    /** Applies an operator change after checking the verdict rule; the setting and its audit entry commit together. */
    public Uni<AuditEntry> change(RolloutScope scope, String targetId, Change change) {
        if (change.mode() == RolloutMode.GRAPH && change.force() && (change.reason() == null || change.reason().isBlank())) {
            return Uni.createFrom().failure(ApiException.invalid("reason_required",
                    "a forced switch to graph needs a reason", "/reason"));
        }
        return verdicts.latest(scope, targetId).flatMap(latest -> {
            String verdict = latest.map(LatestVerdict::verdict).orElse(null);
            boolean passed = latest.map(LatestVerdict::passed).orElse(false);
            boolean forced = false;
            if (change.mode() == RolloutMode.GRAPH && !passed) {
                if (!change.force()) {
                    return Uni.createFrom().failure(new ApiException(409, "shadow_verdict_required",
                            "switching " + scope.wire() + " " + targetId + " to graph needs a passing shadow verdict (latest: "
                                    + (verdict == null ? "none" : verdict) + "), or force with a reason", "/mode"));
                }
                forced = true;
            }
            boolean overridden = forced;
            return pool.withTransaction(conn -> apply(conn, scope, targetId, change, overridden, verdict));
        });
    }

    private Uni<AuditEntry> apply(SqlConnection conn, RolloutScope scope, String targetId, Change change, boolean forced,
            String verdict) {
        return conn.preparedQuery("SELECT mode FROM dispatch.rollout_settings WHERE scope = $1 AND target_id = $2 FOR UPDATE")
                .execute(Tuple.of(scope.wire(), targetId))
                .flatMap(rows -> {
                    String from = rows.size() == 0 ? null : rows.iterator().next().getString("mode");
                    return conn.preparedQuery("INSERT INTO dispatch.rollout_settings (scope, target_id, mode, reason, "
                            + "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (scope, target_id) "
                            + "DO UPDATE SET mode = excluded.mode, reason = excluded.reason, updated_by = excluded.updated_by, "
                            + "updated_at = now()")
                            .execute(Tuple.of(scope.wire(), targetId, change.mode().wire(), change.reason(), change.actor()))
                            .flatMap(v -> conn.preparedQuery("INSERT INTO dispatch.rollout_audit (scope, target_id, "
                                    + "from_mode, to_mode, reason, actor, forced, latest_verdict) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *")
                                    .execute(Tuple.from(new Object[] {scope.wire(), targetId, from, change.mode().wire(),
                                            change.reason(), change.actor(), forced, verdict})));
                })
                .map(rows -> AuditEntry.of(rows.iterator().next()));
    }

    private static Setting setting(Row r) {
        return new Setting(RolloutMode.fromWire(r.getString("mode")), r.getString("reason"), r.getString("updated_by"),
                r.getOffsetDateTime("updated_at"));
    }
}
