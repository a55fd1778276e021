package com.hartomat.dispatch.dispatch;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manual and draft workflow dispatch, preflight and run inspection, as in the reference's endpoint tests. */
@QuarkusTest
class WorkflowEndpointsTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    static JsonPath dispatchSaved(String workflowId, String contextId, int status) {
        return given().queryParam("context_id", contextId).post("/api/workflows/" + workflowId + "/dispatch")
                .then().statusCode(status).extract().jsonPath();
    }

    static Map<String, Map<String, Object>> nodes(JsonPath body) {
        List<Map<String, Object>> list = body.getList("workflow_run.node_results");
        return list.stream().collect(Collectors.toMap(n -> (String) n.get("node_name"), n -> n));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> out(Map<String, Object> node) {
        return (Map<String, Object>) node.get("output");
    }

    static List<RenderJob> jobs(String key, int n) {
        return com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, key, n);
    }

    @Test
    void workflowDispatchReturnsTheRunWithNodeResultsAndAppliesOutputTypeRenderSettings() {
        String ot = fx.outputType(null, null, Map.of("width", 2048, "height", 2048, "engine", "cycles", "samples", 128));
        Line line = fx.renderableLine(ot);
        String wf = fx.workflow(WorkflowConfigs.preset("still_with_exports", Map.of("width", 640, "height", 640)), true);

        JsonPath body = dispatchSaved(wf, line.orderLineId(), 200);

        assertEquals(line.orderLineId(), body.getString("context_id"));
        assertEquals("graph", body.getString("execution_mode"));
        assertEquals(2, body.getInt("dispatched"));
        List<String> taskIds = body.getList("task_ids");
        List<RenderJob> jobs = jobs(line.orderLineId(), 2);
        assertEquals(taskIds, jobs.stream().map(RenderJob::jobId).toList());
        assertEquals(List.of("app.domains.rendering.tasks.render_order_line_still_task",
                "app.domains.rendering.tasks.export_blend_for_order_line_task"),
                jobs.stream().map(RenderJob::taskName).toList());
        assertTrue(jobs.stream().allMatch(j -> line.orderLineId().equals(j.context().orderLineId())));
        RenderJob render = jobs.get(0);
        assertFalse(render.publishAssetEnabled());
        assertTrue(render.graphAuthoritativeOutputEnabled());
        assertEquals(List.of("output"), render.graphOutputNodeIds());
        assertEquals(2048, render.params().get("width"));
        assertEquals(2048, render.params().get("height"));
        assertEquals(128, render.params().get("samples"));
        assertEquals("render", render.workflowNodeId());
        assertEquals("blend", jobs.get(1).workflowNodeId());
        assertNotNull(render.workflowRunId());
        assertEquals(render.workflowRunId(), jobs.get(1).workflowRunId());

        Map<String, Map<String, Object>> nodes = nodes(body);
        assertEquals("pending", body.getString("workflow_run.status"));
        assertEquals("graph", body.getString("workflow_run.execution_mode"));
        assertEquals(taskIds.get(0), body.getString("workflow_run.celery_task_id"));
        assertEquals(line.orderLineId(), body.getString("workflow_run.order_line_id"));
        assertEquals("queued", nodes.get("render").get("status"));
        assertEquals(taskIds.get(0), out(nodes.get("render")).get("task_id"));
        assertEquals("queued", nodes.get("blend").get("status"));
        assertEquals(taskIds.get(1), out(nodes.get("blend")).get("task_id"));
        assertEquals("completed", nodes.get("setup").get("status"));
        assertEquals(line.orderLineId(), out(nodes.get("setup")).get("order_line_id"));
        assertEquals("completed", nodes.get("template").get("status"));
        assertEquals(false, out(nodes.get("template")).get("use_materials"));
        assertEquals("pending", nodes.get("output").get("status"));
        assertEquals("awaiting_graph_authoritative_save", out(nodes.get("output")).get("publication_mode"));
        assertEquals("armed", out(nodes.get("output")).get("handoff_state"));
        assertEquals(List.of("render"), out(nodes.get("output")).get("handoff_node_ids"));
    }

    @Test
    void outputSaveOnAnExportOnlyGraphIsRefusedWith422AndNothingQueued() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(Graphs.blend(true), true);

        JsonPath body = dispatchSaved(wf, line.orderLineId(), 422);

        assertTrue(body.getString("detail").contains("output_save"), body.getString("detail"));
        assertEquals(0, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size());
        assertEquals(0, fx.runCount(line.orderLineId()));
    }

    @Test
    void turntableDispatchArmsOutputSaveAndPredictsATurntableAsset() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(Graphs.turntable(true), true);

        JsonPath body = dispatchSaved(wf, line.orderLineId(), 200);

        assertEquals("graph", body.getString("execution_mode"));
        assertEquals(1, body.getInt("dispatched"));
        RenderJob job = jobs(line.orderLineId(), 1).get(0);
        assertEquals(body.getList("task_ids"), List.of(job.jobId()));
        assertEquals("app.domains.rendering.tasks.render_turntable_task", job.taskName());
        assertEquals(body.getString("workflow_run.id"), job.workflowRunId());
        assertEquals("turntable", job.workflowNodeId());
        assertFalse(job.publishAssetEnabled());
        assertTrue(job.graphAuthoritativeOutputEnabled());
        assertEquals(List.of("output"), job.graphOutputNodeIds());
        assertEquals(24, job.params().get("fps"));
        Map<String, Map<String, Object>> nodes = nodes(body);
        assertEquals("queued", nodes.get("turntable").get("status"));
        assertEquals("turntable", out(nodes.get("turntable")).get("predicted_asset_type"));
        assertEquals(false, out(nodes.get("turntable")).get("publish_asset_enabled"));
        assertEquals(true, out(nodes.get("turntable")).get("graph_authoritative_output_enabled"));
        assertEquals(List.of("output"), out(nodes.get("turntable")).get("graph_output_node_ids"));
        assertEquals("pending", nodes.get("output").get("status"));
        assertEquals("awaiting_graph_authoritative_save", out(nodes.get("output")).get("publication_mode"));
        assertEquals("armed", out(nodes.get("output")).get("handoff_state"));
        assertEquals(List.of("turntable"), out(nodes.get("output")).get("handoff_node_ids"));
    }

    @Test
    void notifyNodeIsDeferredToTheRenderTask() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(Graphs.still("graph", 1024, 768, false, true), true);

        JsonPath body = dispatchSaved(wf, line.orderLineId(), 200);

        assertEquals(1, body.getInt("dispatched"));
        RenderJob job = jobs(line.orderLineId(), 1).get(0);
        assertEquals("app.domains.rendering.tasks.render_order_line_still_task", job.taskName());
        assertEquals(body.getString("workflow_run.id"), job.workflowRunId());
        assertEquals("render", job.workflowNodeId());
        assertTrue(job.emitLegacyNotifications());
        assertEquals(List.of("notify"), job.graphNotifyNodeIds());
        Map<String, Map<String, Object>> nodes = nodes(body);
        assertEquals("queued", nodes.get("render").get("status"));
        assertEquals(List.of("notify"), out(nodes.get("render")).get("graph_notify_node_ids"));
        assertEquals("pending", nodes.get("notify").get("status"));
        assertEquals("deferred_to_render_task", out(nodes.get("notify")).get("notification_mode"));
        assertEquals(List.of("render"), out(nodes.get("notify")).get("armed_node_ids"));
        assertEquals("armed", out(nodes.get("notify")).get("handoff_state"));
    }

    static Map<String, Object> draft(String workflowId, String contextId, Object config) {
        Map<String, Object> body = new HashMap<>();
        body.put("workflow_id", workflowId);
        body.put("context_id", contextId);
        body.put("config", config);
        return body;
    }

    @Test
    void draftDispatchRunsAnUnsavedRenderGraph() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(WorkflowConfigs.preset("still", Map.of("width", 640, "height", 640)), true);

        JsonPath body = given().contentType(ContentType.JSON)
                .body(draft(wf, line.orderLineId(), Graphs.still("graph", 800, 600, false, false)))
                .post("/api/workflows/dispatch").then().statusCode(200).extract().jsonPath();

        assertEquals(line.orderLineId(), body.getString("context_id"));
        assertEquals("graph", body.getString("execution_mode"));
        assertEquals(1, body.getInt("dispatched"));
        assertEquals(wf, body.getString("workflow_run.workflow_def_id"));
        assertEquals("graph", body.getString("workflow_run.execution_mode"));
        assertEquals(line.orderLineId(), body.getString("workflow_run.order_line_id"));
        RenderJob job = jobs(line.orderLineId(), 1).get(0);
        assertEquals(body.getList("task_ids"), List.of(job.jobId()));
        assertEquals("app.domains.rendering.tasks.render_order_line_still_task", job.taskName());
        assertEquals(line.orderLineId(), job.context().orderLineId());
        assertEquals("render", job.workflowNodeId());
        assertNotNull(job.workflowRunId());
        assertEquals(800, job.params().get("width"));
        Map<String, Map<String, Object>> nodes = nodes(body);
        assertEquals("completed", nodes.get("setup").get("status"));
        assertEquals("completed", nodes.get("template").get("status"));
        assertEquals("queued", nodes.get("render").get("status"));
    }

    @Test
    void draftDispatchMovesASubmittedOrderToProcessing() {
        String cad = fx.uploadStep("product.step");
        Line line = fx.line(fx.outputType(null, null, null), cad, List.of(Map.of("part_name", "Body", "material", "Steel")),
                "submitted");

        given().contentType(ContentType.JSON).body(draft(null, line.orderLineId(), Graphs.still("graph")))
                .post("/api/workflows/dispatch").then().statusCode(200);

        JsonPath order = given().get("/api/orders/" + line.orderId()).then().statusCode(200).extract().jsonPath();
        assertEquals("processing", order.getString("status"));
        assertNotNull(order.getString("processing_started_at"));
        assertNull(order.getString("completed_at"));
    }

    @Test
    void draftDispatchRejectsAnInvalidGraphWith422AndQueuesNothing() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));

        given().contentType(ContentType.JSON).body(draft(null, line.orderLineId(), Graphs.invalid()))
                .post("/api/workflows/dispatch").then().statusCode(422)
                .body("detail", containsString("Invalid workflow config"))
                .body("code", equalTo("unknown_edge_source"));

        assertEquals(0, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size());
    }

    @Test
    void preflightReportsRenderGraphReadinessPerNode() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(WorkflowConfigs.preset("still_with_exports", Map.of("width", 640, "height", 640)), true);

        JsonPath body = given().queryParam("context_id", line.orderLineId()).get("/api/workflows/" + wf + "/preflight")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(wf, body.getString("workflow_id"));
        assertEquals("order_line", body.getString("context_kind"));
        assertEquals("order_line", body.getString("expected_context_kind"));
        assertEquals("legacy", body.getString("execution_mode"));
        assertEquals(true, body.getBoolean("graph_dispatch_allowed"));
        assertEquals(line.orderLineId(), body.getString("resolved_order_line_id"));
        assertEquals(line.cadFileId(), body.getString("resolved_cad_file_id"));
        assertEquals(List.of(), body.getList("unsupported_node_ids"));
        List<Map<String, Object>> list = body.getList("nodes");
        Map<String, Map<String, Object>> nodes = list.stream()
                .collect(Collectors.toMap(n -> (String) n.get("node_id"), n -> n));
        assertEquals("ready", nodes.get("setup").get("status"));
        assertEquals("warning", nodes.get("template").get("status"));
        assertEquals("template_missing", ((List<Map<String, Object>>) nodes.get("template").get("issues")).get(0).get("code"));
        assertEquals("ready", nodes.get("render").get("status"));
        assertEquals("ready", nodes.get("blend").get("status"));
    }

    @Test
    void preflightReportsContextKindMismatchForACadFileContext() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(WorkflowConfigs.preset("still", Map.of("width", 640, "height", 640)), true);

        JsonPath body = given().queryParam("context_id", line.cadFileId()).get("/api/workflows/" + wf + "/preflight")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("cad_file", body.getString("context_kind"));
        assertEquals("order_line", body.getString("expected_context_kind"));
        assertEquals(false, body.getBoolean("graph_dispatch_allowed"));
        assertTrue(body.getList("issues.code").contains("context_kind_mismatch"));
        assertTrue(body.getList("nodes.status").contains("error"));
    }

    @Test
    void preflightSupportsDirectCadFileGraphs() {
        String cad = fx.uploadStep("thumb.step");
        given().contentType(ContentType.JSON).body(Map.of("parsed_objects", Map.of("objects", List.of("Body"))))
                .patch("/api/cad-files/" + cad).then().statusCode(200);
        String wf = fx.workflow(WorkflowConfigs.blueprint("cad_intake"), true);

        JsonPath body = given().queryParam("context_id", cad).get("/api/workflows/" + wf + "/preflight")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("cad_file", body.getString("context_kind"));
        assertEquals("cad_file", body.getString("expected_context_kind"));
        assertEquals("legacy", body.getString("execution_mode"));
        assertEquals(true, body.getBoolean("graph_dispatch_allowed"));
        assertEquals(cad, body.getString("resolved_cad_file_id"));
        assertTrue(body.getList("nodes.status").stream().allMatch("ready"::equals), body.prettify());
    }

    @Test
    void draftPreflightValidatesAnUnsavedRenderGraphInTopologicalOrder() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));

        JsonPath body = given().contentType(ContentType.JSON)
                .body(draft(null, line.orderLineId(), Graphs.still("graph", 640, 640, false, false)))
                .post("/api/workflows/preflight").then().statusCode(200).extract().jsonPath();

        assertNull(body.getString("workflow_id"));
        assertEquals("order_line", body.getString("context_kind"));
        assertEquals("order_line", body.getString("expected_context_kind"));
        assertEquals("graph", body.getString("execution_mode"));
        assertEquals(true, body.getBoolean("graph_dispatch_allowed"));
        assertEquals(line.orderLineId(), body.getString("resolved_order_line_id"));
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials", "render"),
                body.getList("nodes.node_id"));
    }

    @Test
    void draftPreflightReportsContextKindMismatch() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));

        JsonPath body = given().contentType(ContentType.JSON)
                .body(draft(null, line.cadFileId(), WorkflowConfigs.preset("still", Map.of("width", 640, "height", 640))))
                .post("/api/workflows/preflight").then().statusCode(200).extract().jsonPath();

        assertNull(body.getString("workflow_id"));
        assertEquals("cad_file", body.getString("context_kind"));
        assertEquals("order_line", body.getString("expected_context_kind"));
        assertEquals(false, body.getBoolean("graph_dispatch_allowed"));
        assertTrue(body.getList("issues.code").contains("context_kind_mismatch"));
    }

    @Test
    void draftPreflightRejectsAnInvalidGraphWith422() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));

        given().contentType(ContentType.JSON).body(draft(null, line.orderLineId(), Graphs.invalid()))
                .post("/api/workflows/preflight").then().statusCode(422)
                .body("detail", containsString("Invalid workflow config"))
                .body("path", containsString("/config"));
    }

    @Test
    void preflightNamesMissingMaterialsAndAMissingStepFile() {
        Line line = fx.line(fx.outputType(null, null, null), null, List.of(), "draft");

        JsonPath body = given().contentType(ContentType.JSON).body(draft(null, line.orderLineId(), Graphs.still("graph")))
                .post("/api/workflows/preflight").then().statusCode(200).extract().jsonPath();

        assertEquals(false, body.getBoolean("graph_dispatch_allowed"));
        List<String> codes = body.getList("issues.code");
        assertTrue(codes.contains("cad_file_missing"), codes.toString());
        assertTrue(codes.contains("material_assignments_missing"), codes.toString());
        assertTrue(codes.contains("step_file_missing"), codes.toString());
    }

    @Test
    void runsCanBeInspectedOneByOneAndListedByFilter() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(Graphs.still("graph"), true);
        String runId = dispatchSaved(wf, line.orderLineId(), 200).getString("workflow_run.id");

        JsonPath run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract().jsonPath();
        assertEquals(runId, run.getString("id"));
        assertEquals("pending", run.getString("status"));
        assertEquals(wf, run.getString("workflow_def_id"));
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials", "render"),
                run.getList("node_results.node_name"));
        assertEquals("queued", run.getString("node_results[4].status"));

        JsonPath page = given().queryParam("order_line_id", line.orderLineId()).queryParam("workflow_id", wf)
                .queryParam("status", "pending").get("/api/workflows/runs").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getInt("total"));
        assertEquals(runId, page.getString("items[0].id"));
        given().queryParam("order_line_id", line.orderLineId()).queryParam("status", "failed").get("/api/workflows/runs")
                .then().statusCode(200).body("total", equalTo(0));
        given().get("/api/workflows/runs/" + Fixtures.id()).then().statusCode(404).body("code", equalTo("workflow_run_not_found"));
        given().queryParam("status", "nonsense").get("/api/workflows/runs").then().statusCode(422)
                .body("path", equalTo("/status"));
    }

    @Test
    void workflowDispatchWithAnIdempotencyKeyQueuesOnce() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        String wf = fx.workflow(Graphs.still("graph"), true);
        String key = Fixtures.id();

        String first = given().header("Idempotency-Key", key).queryParam("context_id", line.orderLineId())
                .post("/api/workflows/" + wf + "/dispatch").then().statusCode(200).extract().path("workflow_run.id");
        String second = given().header("Idempotency-Key", key).queryParam("context_id", line.orderLineId())
                .post("/api/workflows/" + wf + "/dispatch").then().statusCode(200).extract().path("workflow_run.id");

        assertEquals(first, second);
        assertEquals(1, fx.runCount(line.orderLineId()));
        assertEquals(1, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size());
    }

    @Test
    void unknownWorkflowOrContextIs404() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        given().queryParam("context_id", line.orderLineId()).post("/api/workflows/" + Fixtures.id() + "/dispatch")
                .then().statusCode(404).body("code", equalTo("workflow_definition_not_found"));
        String wf = fx.workflow(Graphs.still("graph"), true);
        given().queryParam("context_id", Fixtures.id()).post("/api/workflows/" + wf + "/dispatch")
                .then().statusCode(404).body("code", equalTo("context_not_found")).body("path", equalTo("/context_id"));
    }
}
