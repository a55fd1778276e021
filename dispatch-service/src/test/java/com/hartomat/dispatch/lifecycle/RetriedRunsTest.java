package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenAs;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonMetrics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.messages.Verdict;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs an operator runs again after they ended, against the real PostgreSQL and Kafka: a retried shadow run is compared
 * again (attempt 2 of its comparison) and readiness shows the latest attempt's verdict; a graph run that fell back to
 * legacy runs again only once its fallback job ended, then replaces the legacy asset, keeps its fallback history, and
 * does not fall back a second time when it fails again.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class RetriedRunsTest extends LifecycleTestBase {

    long count(String sql, Object... args) {
        return ((Number) fx.scalar(sql, args)).longValue();
    }

    static Response post(String path, Object body) {
        var request = givenAs("operator").contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post(path);
    }

    String completeRender(Line line, String runId, String suffix) {
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), suffix)), Map.of()));
        return job;
    }

    // ------------------------------------------------------------------ a retried shadow run is compared again

    static ComparisonVerdict verdict(String comparisonId, String runId, Line line, Verdict verdict, int attempt) {
        return new ComparisonVerdict(comparisonId, runId, line.orderLineId(), line.outputTypeId(), null, verdict,
                verdict == Verdict.PASS ? "ready_for_rollout" : "hold_legacy_authoritative", "matched",
                verdict == Verdict.PASS, false, false, new ComparisonMetrics(true, true, 0.0, 1), List.of("test verdict"),
                null, Instant.now(), attempt);
    }

    void awaitRecordedVerdict(String runId, String comparisonId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> comparisonId.equals(
                fx.scalar("SELECT comparison_id FROM shadow_verdicts WHERE workflow_run_id = ?", runId)));
    }

    /** The run's entry among the output type's latest verdicts in readiness. */
    Map<String, Object> readinessVerdict(Line line, String runId) {
        Map<String, Object> readiness = given().get("/api/rollout/output-types/" + line.outputTypeId() + "/readiness")
                .then().statusCode(200).extract().as(Map.class);
        List<Map<String, Object>> latest = ((List<Map<String, Object>>) readiness.get("latest_verdicts")).stream()
                .filter(v -> runId.equals(v.get("workflow_run_id"))).toList();
        assertEquals(1, latest.size(), "one verdict per shadow run in readiness: " + readiness);
        return latest.get(0);
    }

    @Test
    void aRetriedShadowRunIsComparedAgainAndReadinessShowsTheLatestAttemptsVerdict() {
        Line line = graphLine(Graphs.still("shadow", 64, 64, true, true));
        Map<String, Object> d = LifecycleFixtures.dispatch(line.orderLineId());
        String legacyJob = (String) d.get("celery_task_id");
        String runId = (String) d.get("shadow_workflow_run_id");
        String suffix = "_shadow-" + runId.substring(0, 8);
        completeRender(line, runId, suffix);
        apply(events.completed(legacyJob, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        ComparisonRequest first = com.hartomat.dispatch.support.Topics.decoded(Topics.COMPARISON_REQUESTS, runId, 1)
                .get(0);
        assertEquals(1, first.attempt());
        com.hartomat.dispatch.support.Topics.produce(Topics.COMPARISON_VERDICTS, runId,
                verdict("c-1", runId, line, Verdict.FAIL, 1));
        awaitRecordedVerdict(runId, "c-1");
        assertEquals("fail", readinessVerdict(line, runId).get("verdict"));

        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render", "params", Map.of("width", 48)))
                .then().statusCode(200);
        assertNull(fx.scalar("SELECT comparison_requested_at FROM workflow_runs WHERE id = ?::uuid", runId),
                "the retried run will request its next comparison when it ends again");
        RenderEvent observerAgain = events.completed(events.jobOf(runId, "render"),
                List.of(LifecycleFixtures.still(line.orderLineId(), suffix + "_v2")), Map.of());
        apply(events.started(observerAgain.jobId()));
        apply(observerAgain);
        assertEquals("completed", runStatus(runId));

        List<ComparisonRequest> requests = com.hartomat.dispatch.support.Topics.decoded(Topics.COMPARISON_REQUESTS,
                runId, 2);
        assertEquals(2, requests.size(), "a second comparison request for the retried run: " + requests);
        ComparisonRequest second = requests.get(1);
        assertEquals(2, second.attempt());
        assertNotEquals(first.requestId(), second.requestId(), "a new attempt is a new request, not a redelivery");
        assertTrue(second.observer().path().endsWith(suffix + "_v2.png"), "the new observer output: " + second);
        assertEquals(first.authoritative().path(), second.authoritative().path(), "legacy's output is compared again");
        assertEquals(2, count("SELECT comparison_attempts FROM workflow_runs WHERE id = ?::uuid", runId));

        com.hartomat.dispatch.support.Topics.produce(Topics.COMPARISON_VERDICTS, runId,
                verdict("c-2", runId, line, Verdict.PASS, 2));
        awaitRecordedVerdict(runId, "c-2");
        Map<String, Object> latest = readinessVerdict(line, runId);
        assertEquals("pass", latest.get("verdict"));
        assertEquals(2, latest.get("attempt"));

        // the first attempt's verdict arriving late does not hide the latest one (the copy behind it shows it was read)
        com.hartomat.dispatch.support.Topics.produce(Topics.COMPARISON_VERDICTS, runId,
                verdict("c-1-late", runId, line, Verdict.FAIL, 1));
        com.hartomat.dispatch.support.Topics.produce(Topics.COMPARISON_VERDICTS, runId,
                verdict("c-2-again", runId, line, Verdict.PASS, 2));
        awaitRecordedVerdict(runId, "c-2-again");
        assertEquals("pass", readinessVerdict(line, runId).get("verdict"));

        // a redelivered completion sends nothing more; the shadow run still never published
        apply(observerAgain);
        assertEquals(2, com.hartomat.dispatch.support.Topics.settled(Topics.COMPARISON_REQUESTS, runId).size());
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size(), "only legacy's asset: " + assets);
        assertEquals(legacyJob, assets.get(0).get("job_id"));
    }

    // ------------------------------------------------------------------ a graph run that fell back to legacy

    /** A graph still whose render fails for good: the run fails and hands the line to one legacy fallback job. */
    String failedRunWithFallback(Line line) {
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.failed(job, FailureCode.RENDER_FAILED, false));
        assertEquals("failed", runStatus(runId));
        assertNotNull(fallbackOf(runId));
        return runId;
    }

    String fallbackOf(String runId) {
        return (String) fx.scalar("SELECT fallback_job_id FROM workflow_runs WHERE id = ?::uuid", runId);
    }

    long fallbackJobs(Line line) {
        return count("SELECT count(*) FROM render_jobs WHERE order_line_id = ?::uuid AND role = 'fallback'",
                line.orderLineId());
    }

    @Test
    void whileTheFallbackJobIsPendingTheRunIsNotRunAgain() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failedRunWithFallback(line);
        String fallback = fallbackOf(runId);

        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render")).then().statusCode(409)
                .body("code", equalTo("fallback_in_progress")).body("message", org.hamcrest.Matchers.containsString(fallback));
        post("/api/workflows/runs/" + runId + "/resume", null).then().statusCode(409)
                .body("code", equalTo("fallback_in_progress"));
        apply(events.started(fallback));
        post("/api/workflows/runs/" + runId + "/resume", null).then().statusCode(409)
                .body("code", equalTo("fallback_in_progress"));

        assertEquals("failed", runStatus(runId));
        assertEquals(0, count("SELECT count(*) FROM run_retries WHERE run_id = ?::uuid", runId));
        assertEquals(1, fallbackJobs(line));
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId), "nothing queued again");
    }

    @Test
    void aRetriedRunThatFellBackReplacesTheLegacyAssetAndKeepsItsFallbackHistory() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failedRunWithFallback(line);
        String fallback = fallbackOf(runId);
        apply(events.started(fallback));
        apply(events.completed(fallback, List.of(LifecycleFixtures.still(line.orderLineId(), "_legacy")), Map.of()));
        assertEquals("completed", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        assertEquals(1, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid AND job_id = ?",
                line.orderLineId(), fallback), "legacy completed the line");

        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render", "params", Map.of("width", 48)))
                .then().statusCode(200);
        assertEquals("running", runStatus(runId));
        assertEquals(fallback, fallbackOf(runId), "the run keeps its fallback history while it runs again");
        assertEquals("workflow_graph", fx.scalar("SELECT fallback_from FROM workflow_runs WHERE id = ?::uuid", runId));
        String graphJob = completeRender(line, runId, "_graph");

        assertEquals("completed", runStatus(runId));
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size(), "the graph's asset replaces legacy's, no second asset: " + assets);
        assertEquals(graphJob, assets.get(0).get("job_id"));
        assertEquals(runId, assets.get(0).get("run_id").toString());
        assertTrue(((String) assets.get(0).get("path")).endsWith("_graph.png"));
        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals("completed", ol.get("render_status"));
        assertEquals(assets.get(0).get("path"), ol.get("result_path"), "the line's result is the graph's now");
        assertEquals(1, fallbackJobs(line), "no second legacy job");

        Map<String, Object> run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals("completed", run.get("status"));
        assertEquals(fallback, run.get("fallback_job_id"), "the run record keeps its fallback history");
        assertEquals("workflow_graph", run.get("fallback_from"));
        assertEquals(1, ((List<Object>) run.get("retries")).size());
    }

    @Test
    void aRunThatFellBackAndFailsAgainAfterResumeKeepsTheLegacyResultAndQueuesNoSecondFallback() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failedRunWithFallback(line);
        String fallback = fallbackOf(runId);
        apply(events.completed(fallback, List.of(LifecycleFixtures.still(line.orderLineId(), "_legacy")), Map.of()));
        String legacyPath = (String) fx.scalar("SELECT result_path FROM order_lines WHERE id = ?::uuid",
                line.orderLineId());

        post("/api/workflows/runs/" + runId + "/resume", null).then().statusCode(200).body("resumed", equalTo(true));
        String again = events.jobOf(runId, "render");
        apply(events.started(again));
        apply(events.failed(again, FailureCode.RENDER_FAILED, false));

        assertEquals("failed", runStatus(runId));
        assertEquals(1, fallbackJobs(line), "legacy already completed the line: no second legacy job");
        assertEquals(fallback, fallbackOf(runId));
        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals("completed", ol.get("render_status"), "the line keeps legacy's result");
        assertEquals(legacyPath, ol.get("result_path"));
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size(), assets.toString());
        assertEquals(fallback, assets.get(0).get("job_id"));

        RunStatusEvent terminal = fx.rows("SELECT payload FROM run_events WHERE run_id = ?::uuid ORDER BY sequence",
                runId).stream().map(r -> Topics.RUNS_STATUS.decode(((String) r.get("payload")).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))
                .filter(e -> RunStatusEvent.SCOPE_RUN.equals(e.scope()) && "failed".equals(e.status().wire())).reduce((a, b) -> b).orElseThrow();
        assertEquals(fallback, terminal.output().get("fallback_job_id"), "the terminal event names the standing fallback");
        assertEquals(false, terminal.output().get("fallback_repeated"));
        assertEquals(1, count("SELECT count(*) FROM notifications WHERE order_line_id = ?::uuid", line.orderLineId()),
                "legacy's one notification, nothing for the failure after it");
    }
}
