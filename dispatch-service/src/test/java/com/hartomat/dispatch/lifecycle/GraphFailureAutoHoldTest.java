package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QG-6 applied by the service (real PostgreSQL and Kafka): when a graph-authoritative run fails for good and the
 * output type's graph runs now fail more often than its legacy renders (with at least the minimum sample of graph runs
 * in the window), its rollout drops from graph to shadow, audited as {@code system:auto-hold} with the figures, announced
 * in the run's terminal status event, and counted; the next dispatch is a shadow dispatch.
 */
@QuarkusTest
class GraphFailureAutoHoldTest extends LifecycleTestBase {

    /** An output type rolled out to graph (operator, forced), with a graph still workflow. */
    String graphOutputType() {
        String wf = fx.workflow(Graphs.still("graph", 64, 64, true, true), true);
        String ot = fx.outputType(wf, "still_image", null);
        fx.rollout(ot, "graph");
        return ot;
    }

    /** Finished graph runs and legacy renders of the output type, as if they had run in the last hour. */
    void history(String ot, int graphRuns, int graphFailed, int legacyRuns, int legacyFailed) {
        for (int i = 0; i < graphRuns; i++) {
            fx.scalar("INSERT INTO workflow_runs (id, execution_mode, status, output_type_id, completed_at) "
                    + "VALUES (gen_random_uuid(), 'graph', ?, ?, now() - interval '1 hour') RETURNING id",
                    i < graphFailed ? "failed" : "completed", ot);
        }
        Line legacyLine = fx.bareLine(ot);
        for (int i = 0; i < legacyRuns; i++) {
            fx.scalar("INSERT INTO render_jobs (job_id, job_type, role, order_line_id, status, finished_at) "
                    + "VALUES (?, 'legacy_render', 'legacy', ?::uuid, ?, now() - interval '1 hour') RETURNING job_id",
                    Fixtures.id(), legacyLine.orderLineId(), i < legacyFailed ? "failed" : "completed");
        }
    }

    /** Dispatches a graph run of the output type and fails its render for good; returns the run id. */
    String failAGraphRun(String ot) {
        Line line = fx.renderableLine(ot);
        Map<String, Object> dispatch = LifecycleFixtures.dispatch(line.orderLineId());
        assertEquals("graph", dispatch.get("execution_mode"));
        String runId = (String) dispatch.get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        lifecycle.apply(events.started(job)).await().indefinitely();
        lifecycle.apply(events.failed(job, FailureCode.RENDER_FAILED, false)).await().indefinitely();
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", runId));
        return runId;
    }

    RunStatusEvent terminalEvent(String runId) {
        long last = ((Number) fx.scalar("SELECT last_sequence FROM workflow_runs WHERE id = ?::uuid", runId)).longValue();
        return com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId, (int) last).stream()
                .filter(e -> "run".equals(e.scope()) && "failed".equals(e.status().wire())).findFirst().orElseThrow();
    }

    /** The auto_hold announcement of the run's terminal event, or null. */
    Object announcedHold(String runId) {
        Map<String, Object> output = terminalEvent(runId).output();
        return output == null ? null : output.get("auto_hold");
    }

    List<Map<String, Object>> audit(String ot) {
        return fx.rows("SELECT * FROM rollout_audit WHERE scope = 'output_type' AND target_id = ? ORDER BY id", ot);
    }

    @Test
    void graphFailingMoreOftenThanLegacyDropsTheOutputTypeToShadowOnce() {
        String ot = graphOutputType();
        history(ot, 19, 3, 20, 1); // with the failing run: graph 4 of 20 (20 %) against legacy 1 of 20 (5 %)

        String runId = failAGraphRun(ot);

        assertEquals("shadow", fx.scalar("SELECT mode FROM rollout_settings WHERE scope = 'output_type' AND target_id = ?",
                ot));
        List<Map<String, Object>> audit = audit(ot);
        assertEquals(2, audit.size(), "the operator's switch to graph, then the hold");
        Map<String, Object> hold = audit.get(1);
        assertEquals("system:auto-hold", hold.get("actor"));
        assertEquals("graph", hold.get("from_mode"));
        assertEquals("shadow", hold.get("to_mode"));
        String reason = (String) hold.get("reason");
        assertTrue(reason.contains("graph runs failed 4 of 20 (20.0%)") && reason.contains("(1 of 20, 5.0%)"), reason);

        Map<String, Object> announced = castMap(terminalEvent(runId).output().get("auto_hold"));
        assertEquals("shadow", announced.get("to_mode"));
        assertEquals("graph", announced.get("from_mode"));
        assertEquals("system:auto-hold", announced.get("actor"));
        assertEquals(20, ((Number) announced.get("graph_runs")).intValue());
        assertEquals(4, ((Number) announced.get("graph_failed")).intValue());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("rollout_auto_holds_total") && l.contains(ot)),
                "rollout_auto_holds_total for the output type");

        Map<String, Object> next = LifecycleFixtures.dispatch(fx.renderableLine(ot).orderLineId());
        assertEquals("shadow", next.get("execution_mode"), "the next dispatch runs graph as the observer");

        // a graph run dispatched before the hold fails later: the output type is held already, nothing is audited again
        String second = failAGraphRunDispatchedBeforeTheHold(ot);
        assertEquals(2, audit(ot).size());
        assertNull(announcedHold(second));
    }

    @Test
    void graphFailingNoMoreOftenThanLegacyStaysInGraph() {
        String ot = graphOutputType();
        history(ot, 19, 1, 20, 4); // with the failing run: graph 2 of 20 (10 %) against legacy 4 of 20 (20 %)

        String runId = failAGraphRun(ot);

        assertEquals("graph", fx.scalar("SELECT mode FROM rollout_settings WHERE scope = 'output_type' AND target_id = ?",
                ot));
        assertEquals(1, audit(ot).size());
        assertNull(announcedHold(runId));
    }

    @Test
    void belowTheMinimumSampleNothingIsHeld() {
        String ot = graphOutputType();
        history(ot, 5, 5, 20, 0); // graph 6 of 6 failed, but fewer than 20 graph runs in the window

        failAGraphRun(ot);

        assertEquals("graph", fx.scalar("SELECT mode FROM rollout_settings WHERE scope = 'output_type' AND target_id = ?",
                ot));
    }

    /** A graph run queued while the output type was still in graph (its rollout is set back to graph meanwhile). */
    private String failAGraphRunDispatchedBeforeTheHold(String ot) {
        fx.scalar("UPDATE rollout_settings SET mode = 'graph' WHERE scope = 'output_type' AND target_id = ? RETURNING 1", ot);
        Line line = fx.renderableLine(ot);
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        fx.scalar("UPDATE rollout_settings SET mode = 'shadow' WHERE scope = 'output_type' AND target_id = ? RETURNING 1", ot);
        String job = events.jobOf(runId, "render");
        lifecycle.apply(events.failed(job, FailureCode.RENDER_FAILED, false)).await().indefinitely();
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", runId));
        return runId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        assertTrue(o instanceof Map, "auto_hold is announced: " + o);
        return (Map<String, Object>) o;
    }
}
