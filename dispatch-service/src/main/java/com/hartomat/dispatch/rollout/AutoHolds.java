package com.hartomat.dispatch.rollout;

import com.hartomat.dispatch.DispatchConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link AutoHold} when a graph-authoritative run of an output type fails for good, inside the transaction that
 * fails it: the output type's rollout setting drops to {@code shadow} and the change is audited with actor
 * {@value AutoHold#ACTOR} and the figures. Only a setting that still allows graph (none, or {@code graph}) is changed,
 * so of two runs failing at once one holds and the other finds it held.
 */
@ApplicationScoped
public class AutoHolds {

    private final Outcomes outcomes;
    private final DispatchConfig.Rollout.AutoHold config;

    public AutoHolds(Outcomes outcomes, DispatchConfig config) {
        this.outcomes = outcomes;
        this.config = config.rollout().autoHold();
    }

    /**
     * Evaluates the rule for an output type whose graph run is failing now (not yet written as failed); returns what
     * the run's terminal status event announces when the output type was held.
     */
    public Uni<Optional<Map<String, Object>>> afterGraphFailure(SqlConnection conn, String outputTypeId) {
        if (!config.enabled() || outputTypeId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return outcomes.count(conn, outputTypeId, config.window(), config.minSamples()).flatMap(counts -> {
            Optional<AutoHold.Hold> hold = AutoHold.decide(counts.withFailedGraphRun(), config.minSamples(),
                    config.window());
            if (hold.isEmpty()) {
                return Uni.createFrom().item(Optional.<Map<String, Object>>empty());
            }
            return hold(conn, outputTypeId, hold.get());
        });
    }

    private Uni<Optional<Map<String, Object>>> hold(SqlConnection conn, String outputTypeId, AutoHold.Hold hold) {
        // one statement: the setting moves only if it still allows graph, and only then is the change audited
        return conn.preparedQuery("WITH previous AS (SELECT mode FROM dispatch.rollout_settings WHERE scope = 'output_type' "
                + "AND target_id = $1), held AS (INSERT INTO dispatch.rollout_settings (scope, target_id, mode, reason, "
                + "updated_by, updated_at) VALUES ('output_type', $1, 'shadow', $2, $3, now()) ON CONFLICT (scope, target_id) "
                + "DO UPDATE SET mode = 'shadow', reason = excluded.reason, updated_by = excluded.updated_by, "
                + "updated_at = now() WHERE dispatch.rollout_settings.mode = 'graph' RETURNING 1) "
                + "INSERT INTO dispatch.rollout_audit (scope, target_id, from_mode, to_mode, reason, actor, forced, "
                + "latest_verdict) SELECT 'output_type', $1, (SELECT mode FROM previous), 'shadow', $2, $3, false, "
                + "(SELECT verdict FROM dispatch.shadow_verdicts WHERE output_type_id = $1 ORDER BY decided_at DESC, "
                + "received_at DESC LIMIT 1) FROM held RETURNING id, from_mode")
                .execute(Tuple.of(outputTypeId, hold.reason(), AutoHold.ACTOR)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    OutcomeCounts c = hold.counts();
                    Map<String, Object> announced = new LinkedHashMap<>();
                    announced.put("output_type_id", outputTypeId);
                    announced.put("from_mode", row.getString("from_mode"));
                    announced.put("to_mode", RolloutMode.SHADOW.wire());
                    announced.put("actor", AutoHold.ACTOR);
                    announced.put("audit_id", row.getLong("id"));
                    announced.put("reason", hold.reason());
                    announced.put("window", config.window().toString());
                    announced.put("graph_runs", c.graphRuns());
                    announced.put("graph_failed", c.graphFailed());
                    announced.put("legacy_runs", c.legacyRuns());
                    announced.put("legacy_failed", c.legacyFailed());
                    return Optional.of(announced);
                });
    }
}
