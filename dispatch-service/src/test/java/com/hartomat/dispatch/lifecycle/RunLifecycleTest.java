package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The run lifecycle against the real PostgreSQL and Kafka: render events (applied as the render.events.v1 consumer
 * applies them) complete nodes and runs, continue graphs, publish through output_save, notify, fall back to legacy,
 * and pair shadow runs for comparison; duplicated and reordered events change nothing.
 */
@QuarkusTest
class RunLifecycleTest extends LifecycleTestBase {

    Line graphLine(com.fasterxml.jackson.databind.JsonNode config, String artifactKind) {
        String wf = fx.workflow(config, true);
        String ot = fx.outputType(wf, artifactKind, null);
        return fx.renderableLine(ot);
    }

    Map<String, String> nodeStatuses(String runId) {
        return fx.rows("SELECT node_name, status FROM workflow_node_results WHERE run_id = ?::uuid", runId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("node_name"), r -> (String) r.get("status")));
    }

    long count(String sql, Object... args) {
        return ((Number) fx.scalar(sql, args)).longValue();
    }

    List<Long> sequences(String runId) {
        return fx.rows("SELECT sequence FROM run_events WHERE run_id = ?::uuid ORDER BY sequence", runId).stream()
                .map(r -> ((Number) r.get("sequence")).longValue()).toList();
    }

    @Test
    void graphStillWithOutputSavePublishesExactlyOnceEvenWhenTheCompletionIsRedelivered() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");

        apply(events.started(job));
        apply(events.progress(job, 1, 1));
        assertEquals("running", runStatus(runId));
        assertEquals("running", nodeStatuses(runId).get("render"));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()),
                "no media asset before the save node completes");

        RenderEvent completed = events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")),
                Map.of("task_name", "render_order_line_still_task"));
        apply(completed);
        apply(completed);
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        apply(events.progress(job, 1, 1));

        assertEquals("completed", runStatus(runId));
        assertTrue(nodeStatuses(runId).values().stream().allMatch("completed"::equals), nodeStatuses(runId).toString());
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size());
        assertEquals("still", assets.get(0).get("asset_type"));
        assertEquals("graph_authoritative_save", assets.get(0).get("publication_mode"));
        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals("completed", ol.get("render_status"));
        assertEquals(assets.get(0).get("path"), ol.get("result_path"));
        Map<String, Object> order = fx.rows("SELECT * FROM orders WHERE id = ?::uuid", line.orderId()).get(0);
        assertEquals("completed", order.get("status"));
        assertNotNull(order.get("completed_at"));
        assertEquals(1, count("SELECT count(*) FROM notifications WHERE order_line_id = ?::uuid", line.orderLineId()));

        Map<String, Object> run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract().as(Map.class);
        assertNotNull(run.get("started_at"));
        assertNotNull(run.get("completed_at"));
        Map<String, Object> save = node(run, "output");
        Map<String, Object> saveOutput = (Map<String, Object>) save.get("output");
        assertEquals("completed", saveOutput.get("handoff_state"));
        assertEquals(List.of(assets.get(0).get("id").toString()), saveOutput.get("media_asset_ids"));
        Map<String, Object> render = node(run, "render");
        assertEquals("test-worker", render.get("worker_id"));
        assertEquals(1200, ((Number) render.get("duration_ms")).intValue());
        assertEquals(1, ((List<?>) render.get("artifacts")).size());

        List<Long> seq = sequences(runId);
        for (int i = 0; i < seq.size(); i++) {
            assertEquals(i + 1, seq.get(i), "sequences are contiguous from 1: " + seq);
        }
        List<RunStatusEvent> published = com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId,
                seq.size());
        assertEquals(seq, published.stream().map(RunStatusEvent::sequence).toList(), "topic order = sequence order");
        RunStatusEvent last = published.get(published.size() - 1);
        assertEquals("run", last.scope());
        assertEquals("completed", last.status().wire());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> node(Map<String, Object> run, String name) {
        return ((List<Map<String, Object>>) run.get("node_results")).stream()
                .filter(n -> name.equals(n.get("node_name"))).findFirst().orElseThrow();
    }

    @Test
    void aGraphRenderWithoutOutputSavePublishesItsOwnArtifactAndTheRunCompletesTheLine() {
        Line line = graphLine(Graphs.still("graph", 64, 64, false, false), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        RenderEvent done = events.completed(events.jobOf(runId, "render"),
                List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of());
        apply(done);
        apply(done);

        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size());
        assertEquals("render_task_self_publish", assets.get(0).get("publication_mode"));
        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals("completed", ol.get("render_status"));
        assertEquals(assets.get(0).get("path"), ol.get("result_path"));
    }

    @Test
    void renderEventsOnTheTopicCompleteTheRunAndAnUnknownJobIsDeadLettered() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, job, events.started(job));
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, job,
                events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "completed".equals(runStatus(runId)));
        assertEquals(1, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));

        RenderEvent real = events.started(job);
        String unknownJob = UUID.randomUUID().toString();
        RenderEvent unknown = new RenderEvent(UUID.randomUUID().toString(), unknownJob, real.eventType(),
                real.jobType(), real.executionMode(), real.workflowRunId(), real.workflowNodeId(), real.context(),
                real.workerId(), 1, real.occurredAt(), real.publication(), null, List.of(), null, null, null);
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, unknownJob, unknown);
        var dead = com.hartomat.dispatch.support.Topics.read("render.events.v1.dlq", unknownJob, 1,
                java.time.Duration.ofSeconds(30));
        assertTrue(!dead.isEmpty(), "dead-lettered");
        assertEquals(UnknownJob.REASON, new String(dead.get(0).headers().lastHeader("x-dlq-reason").value(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void reorderedEventsOnlyMoveForward() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");

        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        long eventsAfterCompletion = sequences(runId).size();
        apply(events.started(job));
        apply(events.progress(job, 1, 2));
        apply(events.failed(job, FailureCode.RENDER_FAILED, false));

        assertEquals("completed", nodeStatuses(runId).get("render"));
        assertEquals("completed", runStatus(runId));
        assertEquals(eventsAfterCompletion, sequences(runId).size(), "late events write no status events");
        assertEquals(1, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));
    }

    @Test
    void anEventForAJobDispatchNeverCreatedIsRefusedAsUnknownJob() {
        RenderEvent real = null;
        Line line = graphLine(Graphs.still("graph", 64, 64, false, false), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        real = events.started(events.jobOf(runId, "render"));
        RenderEvent unknown = new RenderEvent(real.eventId(), UUID.randomUUID().toString(), real.eventType(),
                real.jobType(), real.executionMode(), real.workflowRunId(), real.workflowNodeId(), real.context(),
                real.workerId(), 1, real.occurredAt(), real.publication(), null, List.of(), null, null, null);
        Throwable thrown = assertThrows(RuntimeException.class, () -> apply(unknown));
        assertInstanceOf(UnknownJob.class, thrown);
        assertTrue(thrown.getMessage().startsWith(UnknownJob.REASON), thrown.getMessage());
    }

    @Test
    void legacyJobCompletesTheOrderLineTheLegacyWay() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String job = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("celery_task_id");

        apply(events.started(job));
        assertEquals("processing", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        RenderEvent completed = events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of());
        apply(completed);
        apply(completed);

        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals("completed", ol.get("render_status"));
        assertEquals("renders/" + line.orderLineId() + "/line_" + line.orderLineId() + ".png", ol.get("result_path"));
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size());
        assertEquals("legacy", assets.get(0).get("publication_mode"));
        List<Map<String, Object>> notes = fx.rows("SELECT * FROM notifications WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, notes.size());
        assertEquals("render_completed", notes.get(0).get("kind"));
    }

    @Test
    void aFailedLegacyJobFailsTheLineWithOneFailureNotification() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String job = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("celery_task_id");

        RenderEvent failed = events.failed(job, FailureCode.IMPORT_FAILED, false);
        apply(failed);
        apply(failed);

        assertEquals("failed", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid", line.orderLineId()));
        assertEquals("failed", fx.scalar("SELECT status FROM orders WHERE id = ?::uuid", line.orderId()));
        List<Map<String, Object>> notes = fx.rows("SELECT * FROM notifications WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, notes.size());
        assertEquals("render_failed", notes.get(0).get("kind"));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));
    }

    @Test
    void aLegacyModeWorkflowRunCompletesItsPendingNodesWithItsLegacyJob() {
        String wf = fx.workflow(WorkflowConfigs.preset("still", Map.of("width", 64, "height", 64)), true);
        Line line = fx.renderableLine(fx.outputType(wf, null, null));
        Map<String, Object> r = LifecycleFixtures.dispatch(line.orderLineId());
        String runId = (String) r.get("workflow_run_id");
        String job = (String) r.get("celery_task_id");

        apply(events.started(job));
        assertEquals("running", runStatus(runId));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));

        assertEquals("completed", runStatus(runId));
        assertTrue(nodeStatuses(runId).values().stream().allMatch("completed"::equals), nodeStatuses(runId).toString());
        assertEquals("completed", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        assertEquals(1, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));
    }

    @Test
    void aGraphRunThatFailsForGoodFallsBackToOneLegacyJobWhichCompletesTheLine() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");

        apply(events.started(job));
        RenderEvent failed = events.failed(job, FailureCode.RENDER_FAILED, false);
        apply(failed);
        apply(failed);

        Map<String, Object> run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract().as(Map.class);
        assertEquals("failed", run.get("status"));
        assertEquals("workflow_graph", run.get("fallback_from"));
        String fallback = (String) run.get("fallback_job_id");
        assertNotNull(fallback);
        assertEquals("failed", node(run, "render").get("status"));
        assertEquals("render_failed", node(run, "render").get("error_code"));
        assertTrue(((String) node(run, "render").get("log_excerpt")).contains("Traceback"));
        assertEquals("skipped", node(run, "output").get("status"));
        assertEquals("skipped", node(run, "notify").get("status"));
        assertEquals(1, count("SELECT count(*) FROM render_jobs WHERE order_line_id = ?::uuid AND role = 'fallback'",
                line.orderLineId()), "one fallback job however often the failure is delivered");
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2);
        RenderJob legacy = jobs.stream().filter(j -> j.jobId().equals(fallback)).findFirst().orElseThrow();
        assertEquals(JobType.LEGACY_RENDER, legacy.jobType());
        assertEquals("still", legacy.preset());
        RunStatusEvent terminal = com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId,
                sequences(runId).size()).stream().filter(ev -> "run".equals(ev.scope()) && "failed".equals(ev.status().wire()))
                .findFirst().orElseThrow();
        assertEquals(fallback, terminal.output().get("fallback_job_id"));

        apply(events.completed(fallback, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("completed", fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size());
        assertEquals("legacy", assets.get(0).get("publication_mode"));
    }

    @Test
    void aRetryableFailureQueuesTheNodeAgainUnderANewJob() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false), "still_image");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String first = events.jobOf(runId, "render");

        apply(events.started(first));
        apply(events.failed(first, FailureCode.BLENDER_UNAVAILABLE, true));

        String second = events.jobOf(runId, "render");
        assertTrue(!first.equals(second), "a new job id: the worker answers the old one with its recorded failure");
        assertEquals("queued", nodeStatuses(runId).get("render"));
        assertEquals(2, ((Number) fx.scalar("SELECT attempt FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId)).intValue());
        apply(events.completed(second, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("completed", runStatus(runId));
        assertNull(fx.scalar("SELECT fallback_job_id FROM workflow_runs WHERE id = ?::uuid", runId));
    }

    @Test
    void turntableWithOutputSavePublishesTheVideoAndKeepsItsFramesOnTheNode() {
        Line line = graphLine(Graphs.turntable(true), "turntable_video");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "turntable");

        apply(events.started(job));
        apply(events.progress(job, 1, 3));
        apply(events.progress(job, 2, 3));
        apply(events.completed(job, LifecycleFixtures.turntable(line.orderLineId(), 3),
                Map.of("turntable", Map.of("fps", 24, "frame_count", 3))));

        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size(), "the video, not its frames");
        assertEquals("turntable", assets.get(0).get("asset_type"));
        assertEquals("video/mp4", assets.get(0).get("media_type"));
        assertEquals(3, ((Number) assets.get(0).get("frame_count")).intValue());
        assertEquals(4, count("SELECT jsonb_array_length(artifacts) FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'turntable'", runId));
        assertTrue(((String) fx.scalar("SELECT result_path FROM order_lines WHERE id = ?::uuid", line.orderLineId()))
                .endsWith(".mp4"));
    }

    @Test
    void aBlendExportBehindOutputSaveIsABlendProductionThatNeverReplacesTheRenderResult() {
        com.fasterxml.jackson.databind.node.ObjectNode config = WorkflowConfigs.blueprint("still_with_exports");
        config.withArray("edges").addObject().put("from", "blend").put("to", "output");
        config.with("ui").put("execution_mode", "graph");
        Line line = graphLine(config, "still_image");
        Map<String, Object> r = LifecycleFixtures.dispatch(line.orderLineId());
        assertEquals("graph_authoritative", r.get("rollout_gate_status"), r.toString());
        String runId = (String) r.get("workflow_run_id");

        apply(events.completed(events.jobOf(runId, "blend"), List.of(LifecycleFixtures.blend(line.orderLineId())),
                Map.of()));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()),
                "output_save waits for every upstream render job");
        apply(events.completed(events.jobOf(runId, "render"), List.of(LifecycleFixtures.still(line.orderLineId(), "")),
                Map.of()));

        assertEquals("completed", runStatus(runId));
        Map<String, String> types = fx.rows("SELECT asset_type, path FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId()).stream().collect(Collectors.toMap(a -> (String) a.get("asset_type"),
                        a -> (String) a.get("path")));
        assertEquals(java.util.Set.of("still", "blend_production"), types.keySet());
        Map<String, Object> ol = fx.rows("SELECT * FROM order_lines WHERE id = ?::uuid", line.orderLineId()).get(0);
        assertEquals(types.get("still"), ol.get("result_path"), "the .blend never becomes the primary render result");
        assertEquals("completed", ol.get("render_status"));
    }

    @Test
    void aShadowPairLeavesOnlyLegacysAssetAndIsSentForComparisonOnce() {
        Line line = graphLine(Graphs.still("shadow", 64, 64, true, true), "still_image");
        Map<String, Object> r = LifecycleFixtures.dispatch(line.orderLineId());
        assertEquals("pending_shadow_verdict", r.get("rollout_gate_status"), r.toString());
        String legacyJob = (String) r.get("celery_task_id");
        String runId = (String) r.get("shadow_workflow_run_id");
        String observerJob = events.jobOf(runId, "render");
        String suffix = "_shadow-" + runId.substring(0, 8);

        RenderEvent observerDone = events.completed(observerJob,
                List.of(LifecycleFixtures.still(line.orderLineId(), suffix)), Map.of());
        apply(observerDone);
        assertEquals("completed", runStatus(runId));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()),
                "an observer never publishes");
        apply(events.completed(legacyJob, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertNotNull(fx.scalar("SELECT comparison_requested_at FROM workflow_runs WHERE id = ?::uuid", runId),
                "the legacy side ended last: the pair's request is recorded on the observer run");
        apply(observerDone);

        List<Map<String, Object>> assets = fx.rows("SELECT * FROM media_assets WHERE order_line_id = ?::uuid",
                line.orderLineId());
        assertEquals(1, assets.size());
        assertEquals(legacyJob, assets.get(0).get("job_id"));
        assertEquals(assets.get(0).get("path"), fx.scalar("SELECT result_path FROM order_lines WHERE id = ?::uuid",
                line.orderLineId()));
        assertEquals(1, count("SELECT count(*) FROM notifications WHERE order_line_id = ?::uuid", line.orderLineId()));
        List<ComparisonRequest> requests = com.hartomat.dispatch.support.Topics.settled(Topics.COMPARISON_REQUESTS,
                runId);
        assertEquals(1, requests.size());
        ComparisonRequest request = requests.get(0);
        assertEquals(line.orderLineId(), request.orderLineId());
        assertTrue(request.authoritative().path().endsWith(line.orderLineId() + ".png"));
        assertTrue(request.observer().path().endsWith(suffix + ".png"));
        assertNull(request.observerFailure());
    }

    @Test
    void cadIntakeContinuesBehindEachJobQueuesEachNodeOnceAndFillsTheCadFile() {
        String cad = fx.uploadStep("intake.step");
        String wf = fx.workflow(WorkflowConfigs.blueprint("cad_intake"), true);
        Map<String, Object> r = given().post("/api/workflows/" + wf + "/dispatch?context_id=" + cad).then()
                .statusCode(200).extract().as(Map.class);
        String runId = (String) ((Map<String, Object>) r.get("workflow_run")).get("id");
        assertEquals("queued", nodeStatuses(runId).get("extract"));
        assertEquals("pending", nodeStatuses(runId).get("glb"));

        RenderEvent extracted = events.completed(events.jobOf(runId, "extract"), List.of(),
                Map.of("parsed_objects", Map.of("part_names", List.of("nut", "rod")), "task_name", "extract"));
        apply(extracted);
        String glbJob = events.jobOf(runId, "glb");
        apply(extracted);
        assertEquals(glbJob, events.jobOf(runId, "glb"), "queued exactly once");
        assertEquals(1, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'glb'", runId));

        Map<String, Object> bbox = Map.of("min", List.of(0, 0, 0), "max", List.of(10, 20, 30), "units", "mm");
        apply(events.completed(glbJob, List.of(new com.hartomat.contracts.messages.Artifact("glb",
                "cad/" + cad + "/model.glb", "model/gltf-binary", LifecycleFixtures.sha("glb"), 5000, null, null, null)),
                Map.of("glb_path", "cad/" + cad + "/model.glb", "bbox", bbox)));
        Map<String, String> statuses = nodeStatuses(runId);
        assertEquals("completed", statuses.get("bbox"), "glb_bbox runs in-process from the exported GLB's bounds");
        assertEquals("queued", statuses.get("thumbnail"));
        String thumbJob = events.jobOf(runId, "thumbnail");
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, cad, 3);
        RenderJob thumb = jobs.stream().filter(j -> j.jobId().equals(thumbJob)).findFirst().orElseThrow();
        assertEquals("cad/" + cad + "/model.glb", thumb.inputs().get("glb_path"));
        assertNotNull(thumb.inputs().get("bbox"));

        apply(events.completed(thumbJob, List.of(new com.hartomat.contracts.messages.Artifact("thumbnail",
                "cad/" + cad + "/thumbnail.png", "image/png", LifecycleFixtures.sha("thumb"), 700, 256, 256, null)),
                Map.of()));
        assertEquals("completed", runStatus(runId));
        Map<String, Object> file = given().get("/api/cad-files/" + cad).then().statusCode(200).extract().as(Map.class);
        Map<String, Object> parsed = (Map<String, Object>) file.get("parsed_objects");
        assertEquals(List.of("nut", "rod"), parsed.get("objects"));
        assertEquals("cad/" + cad + "/model.glb", parsed.get("glb_path"));
        assertNotNull(parsed.get("bbox"));
    }
}
