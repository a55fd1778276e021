package com.hartomat.dispatch.dispatch;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.messages.Verdict;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.dispatch.support.ScriptedJobQueue;
import com.hartomat.dispatch.support.ScriptedRunPreparer;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference suite's dispatch scenarios ({@code dispatch_render_with_workflow}) against the real PostgreSQL and
 * Kafka: responses from {@code POST /api/order-lines/{id}/dispatch}, rows from the dispatch schema, jobs read back
 * from {@code render.jobs.v1}.
 */
@QuarkusTest
class OrderLineDispatchTest {

    static final String STILL_TASK = "app.domains.rendering.tasks.render_order_line_still_task";

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dispatch(String orderLineId) {
        return given().post("/api/order-lines/" + orderLineId + "/dispatch").then().statusCode(200).extract().as(Map.class);
    }

    Map<String, Map<String, Object>> nodes(String runId) {
        return fx.rows("SELECT node_name, status, output::text AS output, error_message FROM workflow_node_results "
                + "WHERE run_id = ?::uuid", runId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("node_name"), r -> r));
    }

    Map<String, Object> run(String runId) {
        return fx.rows("SELECT * FROM workflow_runs WHERE id = ?::uuid", runId).get(0);
    }

    static Map<String, Object> output(Map<String, Object> nodeRow) throws Exception {
        return Fixtures.JSON.readValue((String) nodeRow.get("output"), Map.class);
    }

    // 1
    @Test
    void withoutWorkflowDefinitionFallsBackToLegacyAndPersistsNoRun() {
        String ot = fx.outputType(null, null, null);
        Line line = fx.bareLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals(line.orderLineId(), r.get("order_line_id"));
        assertEquals("legacy_only", r.get("rollout_gate_status"));
        assertNull(r.get("rollout_gate_verdict"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        assertEquals(false, r.get("output_type_rollout_ready"));
        assertNull(r.get("rollout_workflow_definition_id"));
        assertEquals(ot, r.get("rollout_output_type_id"));
        assertEquals(0, fx.runCount(line.orderLineId()));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(
                Topics.RENDER_JOBS, line.orderLineId(), 1);
        assertEquals(1, jobs.size());
        assertEquals(JobType.LEGACY_RENDER, jobs.get(0).jobType());
        assertEquals(List.of(jobs.get(0).jobId()), r.get("task_ids"));
        assertTrue(jobs.get(0).publishAssetEnabled());
        assertEquals("still", jobs.get(0).preset(), "the worker's legacy pipeline needs a preset; the output type's kind picks it");
    }

    // 2
    @Test
    void artifactContractMismatchFallsBackToLegacyNamingExpectedAndProducedKinds() {
        String wf = fx.workflow(Graphs.blend(false), true);
        String ot = fx.outputType(wf, "still_image", null);
        Line line = fx.bareLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals(line.orderLineId(), r.get("order_line_id"));
        assertEquals("workflow_contract_mismatch", r.get("rollout_gate_status"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        assertEquals(false, r.get("output_type_rollout_ready"));
        List<String> reasons = (List<String>) r.get("rollout_gate_reasons");
        assertTrue(reasons.stream().anyMatch(s -> s.contains("Expected artifact kind: still_image.")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("blend_asset")), reasons.toString());
        assertEquals(0, fx.runCount(line.orderLineId()));
    }

    // 3
    @Test
    void presetWorkflowInLegacyModeQueuesOneLegacyJobAndPersistsPendingNodeResults() {
        String wf = fx.workflow(WorkflowConfigs.preset("still", Map.of("width", 1024, "height", 1024)), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.bareLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("workflow", r.get("backend"));
        assertEquals("still", r.get("workflow_type"));
        String runId = (String) r.get("workflow_run_id");
        Map<String, Object> run = run(runId);
        assertEquals("legacy", run.get("execution_mode"));
        assertEquals(wf, run.get("workflow_def_id"));
        assertEquals(line.orderLineId(), run.get("order_line_id").toString());
        assertEquals(r.get("celery_task_id"), run.get("celery_task_id"));
        Map<String, Map<String, Object>> nodes = nodes(runId);
        assertEquals(java.util.Set.of("setup", "template", "render", "output"), nodes.keySet());
        assertTrue(nodes.values().stream().allMatch(n -> "pending".equals(n.get("status"))));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1);
        assertEquals(1, jobs.size());
        RenderJob job = jobs.get(0);
        assertEquals(JobType.LEGACY_RENDER, job.jobType());
        assertEquals("still", job.preset());
        assertEquals(runId, job.workflowRunId());
        assertEquals(r.get("celery_task_id"), job.jobId());
        assertEquals(1024, job.params().get("width"));
    }

    // 4
    @Test
    void preparationFailureFallsBackToLegacyWithoutRun() {
        String wf = fx.workflow(WorkflowConfigs.preset("still", Map.of("width", 640, "height", 640)), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.bareLine(ot);
        ScriptedRunPreparer.failFor(wf, "prep exploded");

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals(line.orderLineId(), r.get("order_line_id"));
        assertEquals("workflow_preparation_failed", r.get("rollout_gate_status"));
        assertNull(r.get("rollout_gate_verdict"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        assertEquals(false, r.get("output_type_rollout_ready"));
        assertEquals(wf, r.get("rollout_workflow_definition_id"));
        assertEquals(ot, r.get("rollout_output_type_id"));
        List<String> reasons = (List<String>) r.get("rollout_gate_reasons");
        assertTrue(reasons.stream().anyMatch(s -> s.startsWith("Workflow runtime preparation failed:")), reasons.toString());
        assertEquals(0, fx.runCount(line.orderLineId()));
        assertEquals(JobType.LEGACY_RENDER, com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS,
                line.orderLineId(), 1).get(0).jobType());
    }

    // 5
    @Test
    void graphModeExecutesSyncNodesInProcessAndQueuesTheRenderJob() throws Exception {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("workflow_graph", r.get("backend"));
        assertEquals("graph", r.get("execution_mode"));
        assertEquals("graph_authoritative", r.get("rollout_gate_status"));
        assertEquals("pass", r.get("rollout_gate_verdict"));
        assertEquals(true, r.get("workflow_rollout_ready"));
        assertEquals(true, r.get("output_type_rollout_ready"));
        List<String> taskIds = (List<String>) r.get("task_ids");
        assertEquals(1, taskIds.size());
        String runId = (String) r.get("workflow_run_id");
        Map<String, Object> run = run(runId);
        assertEquals("graph", run.get("execution_mode"));
        assertEquals("pending", run.get("status"));
        Map<String, Map<String, Object>> nodes = nodes(runId);
        assertEquals("completed", nodes.get("setup").get("status"));
        assertEquals("completed", nodes.get("template").get("status"));
        assertEquals("completed", nodes.get("populate_materials").get("status"));
        assertEquals("completed", nodes.get("resolve_materials").get("status"));
        assertEquals("queued", nodes.get("render").get("status"));
        assertEquals(true, output(nodes.get("render")).get("publish_asset_enabled"));
        assertEquals(false, output(nodes.get("render")).get("graph_authoritative_output_enabled"));
        assertEquals(line.orderLineId(), output(nodes.get("setup")).get("order_line_id"));

        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1);
        assertEquals(1, jobs.size());
        RenderJob job = jobs.get(0);
        assertEquals(taskIds.get(0), job.jobId());
        assertEquals(JobType.STILL, job.jobType());
        assertEquals(STILL_TASK, job.taskName());
        assertEquals(ExecutionMode.GRAPH, job.executionMode());
        assertEquals(runId, job.workflowRunId());
        assertEquals("render", job.workflowNodeId());
        assertEquals(1024, job.params().get("width"));
        assertEquals(768, job.params().get("height"));
        assertTrue(((String) job.inputs().get("step_path")).startsWith("step_files/" + line.cadFileId()));
        List<Map<String, Object>> materials = (List<Map<String, Object>>) job.inputs().get("material_assignments");
        assertEquals("Body", materials.get(0).get("part_name"));
        assertEquals("Steel", materials.get(0).get("material"));
        assertNotNull(job.inputs().get("template"));

        List<RunStatusEvent> events = com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId, 2);
        RunStatusEvent runEvent = events.stream().filter(e -> e.scope().equals("run")).findFirst().orElseThrow();
        assertEquals(RunStatus.PENDING, runEvent.status());
        Map<String, Object> statuses = (Map<String, Object>) runEvent.output().get("node_statuses");
        assertEquals("completed", statuses.get("setup"));
        assertEquals("completed", statuses.get("resolve_materials"));
        assertEquals("queued", statuses.get("render"));
        RunStatusEvent renderEvent = events.stream().filter(e -> "render".equals(e.nodeId())).findFirst().orElseThrow();
        assertEquals(RunStatus.QUEUED, renderEvent.status());
        assertEquals(taskIds.get(0), renderEvent.output().get("task_id"));
    }

    // 6
    @Test
    void graphModeWithOutputSaveMakesTheOutputNodeTheAuthoritativeBoundary() throws Exception {
        String wf = fx.workflow(Graphs.still("graph", 1024, 768, true, false), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("workflow_graph", r.get("backend"));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1);
        assertEquals(1, jobs.size());
        RenderJob job = jobs.get(0);
        assertEquals(r.get("task_ids"), List.of(job.jobId()));
        assertEquals(STILL_TASK, job.taskName());
        assertFalse(job.publishAssetEnabled());
        assertTrue(job.graphAuthoritativeOutputEnabled());
        assertEquals(List.of("output"), job.graphOutputNodeIds());
        Map<String, Object> out = output(nodes((String) r.get("workflow_run_id")).get("output"));
        assertEquals("pending", nodes((String) r.get("workflow_run_id")).get("output").get("status"));
        assertEquals("awaiting_graph_authoritative_save", out.get("publication_mode"));
        assertEquals("armed", out.get("handoff_state"));
        assertEquals(List.of("render"), out.get("handoff_node_ids"));
    }

    // 7
    @Test
    void legacyPresetConfigWithGraphModeIsCanonicalizedAndRunsAsGraph() {
        String wf = fx.workflow(Fixtures.json(Map.of("type", "still", "params", Map.of("width", 1024, "height", 768),
                "ui", Map.of("execution_mode", "graph"))), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("workflow_graph", r.get("backend"));
        assertEquals("graph", r.get("execution_mode"));
        assertEquals(1, ((List<?>) r.get("task_ids")).size());
        String runId = (String) r.get("workflow_run_id");
        assertEquals("graph", run(runId).get("execution_mode"));
        Map<String, Map<String, Object>> nodes = nodes(runId);
        assertEquals("completed", nodes.get("setup").get("status"));
        assertEquals("completed", nodes.get("template").get("status"));
        assertEquals("queued", nodes.get("render").get("status"));
        assertEquals("pending", nodes.get("output").get("status"));
        assertEquals(r.get("task_ids"), com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS,
                line.orderLineId(), 1).stream().map(RenderJob::jobId).toList());
    }

    // 8
    @Test
    void graphFailureWhileQueuingFallsBackToLegacyAndKeepsTheRunAsFailed() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        ScriptedJobQueue.failFor(line.orderLineId(), RenderJobQueue.Role.GRAPH, "graph dispatch exploded");

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals("workflow_graph", r.get("fallback_from"));
        assertEquals("graph_execution_failed", r.get("rollout_gate_status"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        String runId = (String) r.get("workflow_run_id");
        Map<String, Object> run = run(runId);
        assertEquals("graph", run.get("execution_mode"));
        assertEquals("failed", run.get("status"));
        assertEquals("graph dispatch exploded", run.get("error_message"));
        RunStatusEvent failed = com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId, 1).get(0);
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("graph dispatch exploded", failed.errorMessage());
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId());
        assertEquals(1, jobs.size());
        assertEquals(JobType.LEGACY_RENDER, jobs.get(0).jobType());
        assertEquals(r.get("task_ids"), List.of(jobs.get(0).jobId()));
    }

    // 9
    @Test
    void legacyOnlyRolloutModeKeepsAGraphConfiguredWorkflowOnLegacy() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.bareLine(ot);
        fx.rollout(ot, "legacy_only");

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals(line.orderLineId(), r.get("order_line_id"));
        assertEquals("legacy_only", r.get("workflow_rollout_mode"));
        assertEquals("graph", r.get("configured_execution_mode"));
        assertEquals("rollout_legacy_only", r.get("rollout_gate_status"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        assertEquals(false, r.get("output_type_rollout_ready"));
        assertEquals(0, fx.runCount(line.orderLineId()));
    }

    // 10
    @Test
    void shadowModeKeepsLegacyAuthoritativeAndQueuesASilentGraphObserver() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals("shadow", r.get("execution_mode"));
        assertEquals("dispatched", r.get("shadow_status"));
        assertEquals("pending_shadow_verdict", r.get("rollout_gate_status"));
        assertNull(r.get("rollout_gate_verdict"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        assertEquals(false, r.get("output_type_rollout_ready"));
        String runId = (String) r.get("shadow_workflow_run_id");
        Map<String, Object> run = run(runId);
        assertEquals("shadow", run.get("execution_mode"));
        assertEquals("pending", run.get("status"));

        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2);
        assertEquals(2, jobs.size());
        RenderJob legacy = jobs.stream().filter(j -> j.jobType() == JobType.LEGACY_RENDER).findFirst().orElseThrow();
        RenderJob observer = jobs.stream().filter(j -> j.jobType() == JobType.STILL).findFirst().orElseThrow();
        assertEquals(r.get("task_ids"), List.of(legacy.jobId()));
        assertEquals(r.get("shadow_task_ids"), List.of(observer.jobId()));
        assertTrue(legacy.publishAssetEnabled());
        assertEquals(STILL_TASK, observer.taskName());
        assertEquals(ExecutionMode.SHADOW, observer.executionMode());
        assertFalse(observer.publishAssetEnabled());
        assertFalse(observer.emitEvents());
        assertFalse(observer.jobDocumentEnabled());
        assertEquals("shadow-" + runId.substring(0, 8), observer.outputNameSuffix());
        assertEquals(runId, observer.workflowRunId());
        assertEquals("render", observer.workflowNodeId());
    }

    // 11
    @Test
    void shadowObserverThatCannotBePreparedIsSkippedWithoutRunOrJob() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String cad = fx.uploadStep("bare.step");
        Line line = fx.line(ot, cad, List.of(), "draft");

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals("shadow", r.get("execution_mode"));
        assertEquals("skipped", r.get("shadow_status"));
        assertEquals("shadow_skipped", r.get("rollout_gate_status"));
        assertFalse(r.containsKey("shadow_workflow_run_id"));
        assertTrue(((String) r.get("shadow_error")).contains("material_assignments"), (String) r.get("shadow_error"));
        assertEquals(0, fx.runCount(line.orderLineId()));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId());
        assertEquals(1, jobs.size());
        assertEquals(JobType.LEGACY_RENDER, jobs.get(0).jobType());
    }

    // reference: test_dispatch_render_with_workflow_shadow_mode_canonicalizes_legacy_preset_config
    @Test
    void shadowOfALegacyPresetConfigIsSkippedBecauseItCannotReproduceTheLegacyMaterials() {
        String wf = fx.workflow(Fixtures.json(Map.of("type", "still", "params", Map.of("width", 1024, "height", 768),
                "ui", Map.of("execution_mode", "shadow"))), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals("shadow", r.get("execution_mode"));
        assertEquals("skipped", r.get("shadow_status"));
        assertEquals("shadow_skipped", r.get("rollout_gate_status"));
        assertFalse(r.containsKey("shadow_workflow_run_id"));
        assertTrue(((String) r.get("shadow_error")).contains("material_assignments"), (String) r.get("shadow_error"));
        assertEquals(0, fx.runCount(line.orderLineId()));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId());
        assertEquals(List.of(JobType.LEGACY_RENDER), jobs.stream().map(RenderJob::jobType).toList(),
                "only the authoritative legacy job is queued");
    }

    // 12
    @Test
    void shadowObserverFailingWhileQueuingLeavesLegacyIntactAndItsRunFailed() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        ScriptedJobQueue.failFor(line.orderLineId(), RenderJobQueue.Role.OBSERVER, "shadow graph exploded");

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("legacy", r.get("backend"));
        assertEquals("shadow", r.get("execution_mode"));
        assertEquals("failed", r.get("shadow_status"));
        assertEquals("shadow graph exploded", r.get("shadow_error"));
        assertEquals("shadow_execution_failed", r.get("rollout_gate_status"));
        assertEquals(false, r.get("workflow_rollout_ready"));
        Map<String, Object> run = run((String) r.get("shadow_workflow_run_id"));
        assertEquals("shadow", run.get("execution_mode"));
        assertEquals("failed", run.get("status"));
        assertEquals("shadow graph exploded", run.get("error_message"));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId());
        assertEquals(1, jobs.size());
        assertEquals(JobType.LEGACY_RENDER, jobs.get(0).jobType());
        assertTrue(jobs.get(0).publishAssetEnabled());
    }

    @Test
    void shadowDispatchReportsTheLatestPassingVerdictAsRolloutReady() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        fx.verdict(ot, wf, Verdict.PASS);

        Map<String, Object> r = dispatch(line.orderLineId());

        assertEquals("pending_shadow_verdict", r.get("rollout_gate_status"));
        assertEquals("pass", r.get("rollout_gate_verdict"));
        assertEquals(true, r.get("workflow_rollout_ready"));
        assertEquals(true, r.get("output_type_rollout_ready"));
    }

    @Test
    void idempotencyKeyReturnsTheFirstResultAndQueuesOnce() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        String key = Fixtures.id();

        Map<?, ?> first = given().header("Idempotency-Key", key).post("/api/order-lines/" + line.orderLineId() + "/dispatch")
                .then().statusCode(200).extract().as(Map.class);
        Map<?, ?> second = given().header("Idempotency-Key", key).post("/api/order-lines/" + line.orderLineId() + "/dispatch")
                .then().statusCode(200).extract().as(Map.class);

        assertEquals(first, second);
        assertEquals(1, fx.runCount(line.orderLineId()));
        assertEquals(1, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size());
    }

    @Test
    void aDispatchCommitsRunNodeResultsAndJobsTogetherOrNothing() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        ScriptedJobQueue.corruptFor(line.orderLineId());

        // the database refuses the service's own corrupt outbox row: a fault of the service (500 with an error id)
        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(500)
                .body("code", org.hamcrest.Matchers.equalTo("internal_error"));

        assertEquals(0, fx.runCount(line.orderLineId()));
        assertEquals(0L, ((Number) fx.scalar("SELECT count(*) FROM outbox WHERE message_key = ?", line.orderLineId()))
                .longValue());
        assertEquals(0, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size());
    }

    @Test
    void outputTypeRenderSettingsOverrideGraphNodeParams() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, Map.of("width", 2048, "height", 2048, "samples", 128, "engine", "cycles"));
        Line line = fx.renderableLine(ot);

        dispatch(line.orderLineId());

        RenderJob job = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1).get(0);
        assertEquals(2048, job.params().get("width"));
        assertEquals(2048, job.params().get("height"));
        assertEquals(128, job.params().get("samples"));
    }

    @Test
    void unknownOrderLineIs404WithErrorBody() {
        given().post("/api/order-lines/" + Fixtures.id() + "/dispatch").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("order_line_not_found"));
        given().post("/api/order-lines/not-a-uuid/dispatch").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("invalid_id"))
                .body("path", org.hamcrest.Matchers.equalTo("/id"));
    }
}
