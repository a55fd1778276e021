package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenAs;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderControl;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Resume, retry from a node and cancel over HTTP against the real PostgreSQL and Kafka: the rows they change, the
 * status events and render jobs / cancel commands they publish, and every refusal code.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class RunControlTest extends LifecycleTestBase {

    String dispatchGraph(Line line) {
        return (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
    }

    Map<String, String> nodeStatuses(String runId) {
        return fx.rows("SELECT node_name, status FROM workflow_node_results WHERE run_id = ?::uuid", runId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("node_name"), r -> (String) r.get("status")));
    }

    long count(String sql, Object... args) {
        return ((Number) fx.scalar(sql, args)).longValue();
    }

    /** The run's status events as kept in run_events (the same payloads the topic carries), in sequence order. */
    List<RunStatusEvent> statusEvents(String runId) {
        return fx.rows("SELECT payload FROM run_events WHERE run_id = ?::uuid ORDER BY sequence", runId).stream()
                .map(r -> Topics.RUNS_STATUS.decode(((String) r.get("payload")).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).toList();
    }

    static Response post(String path, Object body) {
        var request = givenAs("operator").contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post(path);
    }

    String failRender(Line line) {
        String runId = dispatchGraph(line);
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.failed(job, FailureCode.RENDER_FAILED, false));
        assertEquals("failed", runStatus(runId));
        // the run handed the line to its legacy fallback; run control waits until that job has ended
        // (fallback_in_progress, RetriedRunsTest), so the fallback completes the line first
        String fallback = (String) fx.scalar("SELECT fallback_job_id FROM workflow_runs WHERE id = ?::uuid", runId);
        apply(events.completed(fallback, List.of(LifecycleFixtures.still(line.orderLineId(), "_legacy")), Map.of()));
        return runId;
    }

    String completeRender(Line line, String runId, String suffix) {
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), suffix)), Map.of()));
        return job;
    }

    @Test
    void resumeAfterAFailedNodeQueuesItAgainWithTheNextAttemptAndSkipsWhatCompleted() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failRender(line);
        String failedJob = events.jobOf(runId, "render");
        assertEquals("skipped", nodeStatuses(runId).get("output"));
        long before = statusEvents(runId).size();

        Map<String, Object> r = post("/api/workflows/runs/" + runId + "/resume", null).then().statusCode(200)
                .extract().as(Map.class);
        assertEquals(true, r.get("resumed"));
        assertEquals("running", r.get("status"));
        assertEquals(List.of("render", "output"), r.get("requeued_nodes"));
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials"), r.get("skipped_nodes"));

        assertEquals("running", runStatus(runId));
        Map<String, String> statuses = nodeStatuses(runId);
        assertEquals("queued", statuses.get("render"));
        assertEquals("pending", statuses.get("output"));
        assertEquals("completed", statuses.get("setup"), "a completed node keeps its status and output");
        String newJob = events.jobOf(runId, "render");
        assertNotEquals(failedJob, newJob, "queued again under a new job id");
        assertEquals(2, ((Number) fx.scalar("SELECT attempt FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId)).intValue());
        assertEquals(2, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId));
        assertEquals(0, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id IS NOT NULL "
                + "AND node_id <> 'render'", runId), "nothing but the failed node was queued");
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 3);
        assertTrue(jobs.stream().anyMatch(j -> j.jobId().equals(newJob)), "the new job is on render.jobs.v1");

        List<RunStatusEvent> after = statusEvents(runId).subList((int) before, statusEvents(runId).size());
        RunStatusEvent resumed = after.get(0);
        assertEquals("run", resumed.scope());
        assertEquals("running", resumed.status().wire());
        assertEquals("failed", resumed.previousStatus().wire());
        assertEquals("run.resumed", resumed.output().get("event"));
        List<RunStatusEvent> skipped = after.stream().filter(e -> "node.skipped".equals(
                e.output() == null ? null : e.output().get("event"))).toList();
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials"),
                skipped.stream().map(RunStatusEvent::nodeId).toList(), "one node.skipped event per kept node");
        assertTrue(after.stream().anyMatch(e -> "render".equals(e.nodeId()) && "queued".equals(e.status().wire())));

        completeRender(line, runId, "");
        assertEquals("completed", runStatus(runId));
        assertEquals(1, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid AND run_id = ?::uuid",
                line.orderLineId(), runId));
    }

    @Test
    void resumingARunThatStillHasLiveJobsIsANoOpThatSaysSoAndQueuesNothing() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = dispatchGraph(line);
        apply(events.started(events.jobOf(runId, "render")));
        long eventsBefore = statusEvents(runId).size();

        List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post("/api/workflows/runs/" + runId + "/resume", null)
                    .then().statusCode(200).extract().as(Map.class)));
        }
        for (CompletableFuture<Map<String, Object>> call : calls) {
            Map<String, Object> r = call.join();
            assertEquals(false, r.get("resumed"));
            assertTrue(((String) r.get("reason")).contains("live jobs"), r.toString());
            assertEquals(List.of("render"), r.get("live_nodes"));
        }
        assertEquals(1, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid", runId));
        assertEquals(eventsBefore, statusEvents(runId).size(), "no status event for a no-op");
    }

    @Test
    void twoConcurrentResumesOfAFailedRunQueueTheNodeOnce() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failRender(line);
        List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post("/api/workflows/runs/" + runId + "/resume", null)
                    .then().statusCode(200).extract().as(Map.class)));
        }
        List<Object> resumed = calls.stream().map(c -> c.join().get("resumed")).sorted(
                (a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).toList();
        assertEquals(List.of(false, true), resumed, "the second call sees the first one's live job");
        assertEquals(2, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId),
                "the failed job and exactly one new one");
    }

    @Test
    void resumeRefusalsCarryTheirCodes() {
        post("/api/workflows/runs/not-a-uuid/resume", null).then().statusCode(400).body("code", equalTo("invalid_id"))
                .body("path", equalTo("/id"));
        post("/api/workflows/runs/" + UUID.randomUUID() + "/resume", null).then().statusCode(404)
                .body("code", equalTo("run_not_found"));

        Line done = graphLine(Graphs.still("graph", 64, 64, true, false));
        String completed = dispatchGraph(done);
        completeRender(done, completed, "");
        assertEquals("completed", runStatus(completed));
        post("/api/workflows/runs/" + completed + "/resume", null).then().statusCode(409)
                .body("code", equalTo("run_already_terminal"));

        Line cancelledLine = graphLine(Graphs.still("graph", 64, 64, true, false));
        String cancelled = dispatchGraph(cancelledLine);
        post("/api/workflows/runs/" + cancelled + "/cancel", null).then().statusCode(200);
        post("/api/workflows/runs/" + cancelled + "/resume", null).then().statusCode(409)
                .body("code", equalTo("run_already_terminal"));

        Line noCad = graphLine(Graphs.still("graph", 64, 64, true, false));
        String orphan = failRender(noCad);
        fx.scalar("UPDATE products SET cad_file_id = NULL WHERE id = ?::uuid RETURNING id", noCad.productId());
        post("/api/workflows/runs/" + orphan + "/resume", null).then().statusCode(409)
                .body("code", equalTo("run_metadata_missing"));

        Line broken = graphLine(Graphs.still("graph", 64, 64, true, false));
        String unloadable = failRender(broken);
        fx.scalar("UPDATE workflow_runs SET config = jsonb_set(config, '{canonical,nodes,0,step}', '\"no_such_step\"') "
                + "WHERE id = ?::uuid RETURNING id", unloadable);
        post("/api/workflows/runs/" + unloadable + "/resume", null).then().statusCode(422)
                .body("code", equalTo("template_load_failed"));
        assertEquals("failed", runStatus(unloadable), "a refusal changes nothing");
    }

    @Test
    void retryFromANodeWithEditedParamsRunsItAndWhatIsDownstreamAgainAndRecordsWhoChangedWhat() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = dispatchGraph(line);
        String firstJob = completeRender(line, runId, "");
        assertEquals("completed", runStatus(runId));
        Object setupOutput = fx.scalar("SELECT output::text FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'setup'", runId);
        String firstAsset = fx.scalar("SELECT id::text FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId()).toString();

        Map<String, Object> r = post("/api/workflows/runs/" + runId + "/retry",
                Map.of("from_node", "render", "params", Map.of("width", 32))).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals(List.of("render", "output"), r.get("reset_nodes"));
        assertEquals("test-operator", r.get("actor"));
        assertEquals(32, ((Map<String, Object>) r.get("new_params")).get("width"));
        assertEquals(64, ((Map<String, Object>) r.get("old_params")).get("width"));

        assertEquals("running", runStatus(runId));
        assertEquals("queued", nodeStatuses(runId).get("render"));
        assertEquals("pending", nodeStatuses(runId).get("output"));
        assertEquals(setupOutput, fx.scalar("SELECT output::text FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'setup'", runId), "upstream outputs are kept");
        String newJob = events.jobOf(runId, "render");
        assertNotEquals(firstJob, newJob);
        RenderJob queued = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2)
                .stream().filter(j -> j.jobId().equals(newJob)).findFirst().orElseThrow();
        assertEquals(32, ((Number) queued.params().get("width")).intValue(), "the new job renders with the new params");

        Map<String, Object> audit = fx.rows("SELECT * FROM run_retries WHERE run_id = ?::uuid", runId).get(0);
        assertEquals("test-operator", audit.get("actor"));
        assertEquals("render", audit.get("from_node"));
        assertEquals("completed", audit.get("run_status_before"));

        Map<String, Object> run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract()
                .as(Map.class);
        List<Map<String, Object>> retries = (List<Map<String, Object>>) run.get("retries");
        assertEquals(1, retries.size());
        assertEquals("test-operator", retries.get(0).get("actor"));
        assertEquals(64, ((Map<String, Object>) retries.get(0).get("old_params")).get("width"));
        assertEquals(32, ((Map<String, Object>) retries.get(0).get("new_params")).get("width"));

        completeRender(line, runId, "_v2");
        assertEquals("completed", runStatus(runId));
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size(), "the re-published asset replaces the first one: " + assets);
        assertNotEquals(firstAsset, assets.get(0).get("id").toString());
        assertEquals(newJob, assets.get(0).get("job_id"));
        assertTrue(((String) assets.get(0).get("path")).endsWith("_v2.png"));
        assertEquals(assets.get(0).get("path"), fx.scalar("SELECT result_path FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
    }

    @Test
    void retryRefusesInvalidParamsWithTheirPathAndChangesNothing() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = failRender(line);
        String job = events.jobOf(runId, "render");

        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render", "params", Map.of("width", "wide")))
                .then().statusCode(422).body("path", equalTo("/params/width"));
        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render", "params", Map.of("colour", 1)))
                .then().statusCode(422).body("code", equalTo("unknown_param")).body("path", equalTo("/params/colour"));
        post("/api/workflows/runs/" + runId + "/retry", Map.of("params", Map.of())).then().statusCode(422)
                .body("code", equalTo("invalid_request")).body("path", equalTo("/from_node"));
        post("/api/workflows/runs/" + runId + "/retry", null).then().statusCode(422)
                .body("code", equalTo("body_required"));
        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "nope")).then().statusCode(422)
                .body("code", equalTo("unknown_node")).body("path", equalTo("/from_node"));
        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "output")).then().statusCode(409)
                .body("code", equalTo("upstream_not_completed"));
        post("/api/workflows/runs/" + UUID.randomUUID() + "/retry", Map.of("from_node", "render")).then()
                .statusCode(404).body("code", equalTo("run_not_found"));

        assertEquals("failed", runStatus(runId));
        assertEquals(job, events.jobOf(runId, "render"));
        assertEquals(0, count("SELECT count(*) FROM run_retries WHERE run_id = ?::uuid", runId));

        Line running = graphLine(Graphs.still("graph", 64, 64, true, false));
        String live = dispatchGraph(running);
        post("/api/workflows/runs/" + live + "/retry", Map.of("from_node", "render")).then().statusCode(409)
                .body("code", equalTo("run_not_finished"));
    }

    @Test
    void aRetriedShadowRunStillNeverPublishes() {
        Line line = graphLine(Graphs.still("shadow", 64, 64, true, true));
        Map<String, Object> d = LifecycleFixtures.dispatch(line.orderLineId());
        String runId = (String) d.get("shadow_workflow_run_id");
        String suffix = "_shadow-" + runId.substring(0, 8);
        completeRender(line, runId, suffix);
        assertEquals("completed", runStatus(runId));

        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render", "params", Map.of("width", 48)))
                .then().statusCode(200);
        String newJob = events.jobOf(runId, "render");
        assertEquals("observer", events.job(newJob).get("role"));
        RenderJob queued = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 3)
                .stream().filter(j -> j.jobId().equals(newJob)).findFirst().orElseThrow();
        assertFalse(queued.publishAssetEnabled());
        assertFalse(queued.emitEvents());
        completeRender(line, runId, suffix);

        assertEquals("completed", runStatus(runId));
        assertEquals("skipped", nodeStatuses(runId).get("output"));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));
        assertEquals(0, count("SELECT count(*) FROM notifications WHERE order_line_id = ?::uuid", line.orderLineId()));
    }

    @Test
    void cancelEndsTheRunTellsTheWorkersAndLaterEventsOfItsJobsChangeNothing() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = dispatchGraph(line);
        String job = events.jobOf(runId, "render");

        Map<String, Object> r = post("/api/workflows/runs/" + runId + "/cancel", Map.of("reason", "wrong material"))
                .then().statusCode(200).extract().as(Map.class);
        assertEquals("cancelled", r.get("status"));
        assertEquals(List.of(job), r.get("cancelled_job_ids"));
        assertEquals(List.of("render", "output"), r.get("cancelled_nodes"));
        assertEquals("test-operator", r.get("cancelled_by"));

        assertEquals("cancelled", runStatus(runId));
        Map<String, String> statuses = nodeStatuses(runId);
        assertEquals("cancelled", statuses.get("render"));
        assertEquals("cancelled", statuses.get("output"));
        assertEquals("completed", statuses.get("setup"));
        assertEquals("cancelled", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        List<RenderControl> commands = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_CONTROL, job, 1);
        assertEquals(1, commands.size());
        assertTrue(commands.get(0).isCancel());
        assertEquals(runId, commands.get(0).workflowRunId());
        assertEquals("test-operator", commands.get(0).requestedBy());
        RunStatusEvent last = statusEvents(runId).get(statusEvents(runId).size() - 1);
        assertEquals("run", last.scope());
        assertEquals("cancelled", last.status().wire());
        assertTrue(last.errorMessage().contains("wrong material"));

        long eventsAfterCancel = statusEvents(runId).size();
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("cancelled", runStatus(runId));
        assertEquals("cancelled", nodeStatuses(runId).get("render"));
        assertEquals(eventsAfterCancel, statusEvents(runId).size(), "no status event after the cancellation");
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));
        assertEquals(2, com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_CONTROL, job, 2).size(),
                "a worker that started the job anyway is told again");

        post("/api/workflows/runs/" + runId + "/cancel", null).then().statusCode(409)
                .body("code", equalTo("run_already_terminal"));
        post("/api/workflows/runs/" + runId + "/retry", Map.of("from_node", "render")).then().statusCode(409)
                .body("code", equalTo("run_already_terminal"));
        post("/api/workflows/runs/" + UUID.randomUUID() + "/cancel", null).then().statusCode(404)
                .body("code", equalTo("run_not_found"));
        post("/api/workflows/runs/x/cancel", null).then().statusCode(400).body("code", equalTo("invalid_id"));
        assertNull(fx.scalar("SELECT fallback_job_id FROM workflow_runs WHERE id = ?::uuid", runId),
                "a cancelled run does not fall back to legacy");
    }

    @Test
    void runControlNeedsTheOperatorRole() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = dispatchGraph(line);
        givenAs("author").post("/api/workflows/runs/" + runId + "/cancel").then().statusCode(403);
        assertEquals("pending", runStatus(runId));
    }
}
