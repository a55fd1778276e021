package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.runs.JobRecord;
import com.hartomat.dispatch.runs.RunEvents;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.GraphRuntime;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import com.hartomat.dispatch.runtime.nodes.InProcessNode;
import com.hartomat.dispatch.runtime.nodes.InProcessNodes;
import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
import com.hartomat.dispatch.runtime.nodes.NodeScope;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.Executor;
import com.hartomat.workflow.model.RetryPolicy;
import com.hartomat.contracts.outbox.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The decisions of one render event for a job that belongs to a workflow run: the node moves forward (never back), a
 * completed node lets the nodes behind it run (in-process steps here, render steps as new jobs), handoffs publish
 * ({@code output_save}) and notify, a node that failed for good skips what is downstream and fails the run. Works on
 * rows already loaded and locked; writes nothing itself (the caller writes the rows and {@link Changes}).
 */
final class RunProgression {

    /** What a continuation needs besides the rows: the run's plan, its context and registry library. */
    record Graph(PreparedWorkflow workflow, ContextData context, NodeScope.Library library) {
    }

    /** The order line a run or job renders for (null for CAD-file contexts). */
    record OrderLine(UUID id, UUID orderId, UUID productId, String renderStatus, String resultPath) {
    }

    static final int LOG_EXCERPT_LIMIT = 4000;

    private final RunRow run;
    private final Map<String, NodeRow> nodes;
    private final Graph graph;
    private final OrderLine orderLine;
    private final RenderJobQueue queue;
    private final Instant now;
    private final Changes changes;
    private final RunStatus runStatusBefore;
    /** The terminal run event, written last (after fallback decisions add to its output). */
    private PendingRunEvent pendingRunEvent;

    private record PendingRunEvent(RunStatus status, RunStatus previous, String message) {
    }

    RunProgression(RunRow run, List<NodeRow> nodes, Graph graph, OrderLine orderLine, RenderJobQueue queue,
            Instant now, Changes changes) {
        this.run = run;
        this.nodes = new LinkedHashMap<>();
        nodes.forEach(n -> this.nodes.put(n.name, n));
        this.graph = graph;
        this.orderLine = orderLine;
        this.queue = queue;
        this.now = now;
        this.changes = changes;
        this.runStatusBefore = run.status;
        changes.events = new RunEvents(new RunEvents.RunIdentity(run.id, run.mode, run.workflowDefId, run.orderLineId,
                run.outputTypeId, run.cadFileId), run.lastSequence, now);
    }

    RunRow run() {
        return run;
    }

    /**
     * The node's job was lost (no heartbeat within its timeout): like a retryable failure, it is queued again while its
     * retry policy allows, else it fails with {@code error_code: lost}.
     */
    void applyLost(JobRow job, String message) {
        NodeRow node = nodes.get(job.nodeId);
        if (node == null || !job.jobId.equals(node.jobId) || node.terminal()) {
            return; // an earlier attempt's job, or a node that already ended
        }
        node.changed = true;
        node.finishedAt = now;
        if (node.startedAt != null) {
            node.durationMs = Duration.between(node.startedAt, now).toMillis();
        }
        node.errorCode = RunLifecycle.LOST;
        node.retryable = true;
        node.errorMessage = message;
        node.logExcerpt = null;
        retryOrFail(node, true);
        finishRunIfDone();
    }

    /** Applies the event of a graph or observer node's job. */
    void applyNodeEvent(JobRow job, RenderEvent e) {
        NodeRow node = nodes.get(job.nodeId);
        if (node == null || !job.jobId.equals(node.jobId) || node.terminal()) {
            return; // an earlier attempt's job, or a node that already ended: nothing moves back
        }
        node.attempt = Math.max(node.attempt, e.attempt());
        node.workerId = e.workerId();
        node.changed = true;
        switch (e.eventType()) {
            case ACCEPTED -> {
                // the worker took the job; the node runs once it starts
            }
            case STARTED, PROGRESS -> {
                if (e.progress() != null) {
                    node.progress = JsonValues.map(JsonValues.MAPPER.convertValue(e.progress(), Map.class));
                }
                if (e.timings() != null && e.timings().startedAt() != null && node.startedAt == null) {
                    node.startedAt = e.timings().startedAt();
                }
                if (node.status != RunStatus.RUNNING) {
                    RunStatus previous = node.move(RunStatus.RUNNING);
                    if (node.startedAt == null) {
                        node.startedAt = now;
                    }
                    changes.events.node(node.name, node.step, RunStatus.RUNNING, previous, null, nodeEventOutput(node));
                    runStarted();
                } else if (e.progress() != null) {
                    changes.events.node(node.name, node.step, RunStatus.RUNNING, RunStatus.RUNNING, null,
                            Map.of("progress", node.progress));
                }
            }
            case COMPLETED -> {
                completeNode(node, e);
                runStarted();
                continueGraph();
            }
            case FAILED -> {
                if (e.failure() != null && e.failure().code() == FailureCode.CANCELLED) {
                    return; // the worker released the job; a later attempt of the same job follows
                }
                failNode(node, e);
            }
        }
        finishRunIfDone();
    }

    /** A legacy-mode workflow run: its pending nodes complete (or fail) with its one legacy job. */
    void applyLegacyRunEvent(JobRow job, RenderEvent e) {
        switch (e.eventType()) {
            case ACCEPTED -> {
            }
            case STARTED, PROGRESS -> runStarted();
            case COMPLETED -> {
                runStarted();
                for (NodeRow node : nodes.values()) {
                    if (!node.terminal()) {
                        RunStatus previous = node.move(RunStatus.COMPLETED);
                        node.output.put("completed_by_legacy_job", job.jobId);
                        node.jobId = job.jobId;
                        node.finishedAt = now;
                        changes.events.node(node.name, node.step, RunStatus.COMPLETED, previous, null, node.output);
                    }
                }
            }
            case FAILED -> {
                if (e.failure() != null && e.failure().code() == FailureCode.CANCELLED) {
                    return;
                }
                String message = failureMessage(e);
                for (NodeRow node : nodes.values()) {
                    if (!node.terminal()) {
                        RunStatus previous = node.move(RunStatus.FAILED);
                        node.errorMessage = message;
                        node.errorCode = e.failure() == null ? null : e.failure().code().wire();
                        node.jobId = job.jobId;
                        node.finishedAt = now;
                        changes.events.node(node.name, node.step, RunStatus.FAILED, previous, message, node.output);
                    }
                }
                failRun("legacy job " + job.jobId + " failed: " + message);
            }
        }
        finishRunIfDone();
    }

    private void completeNode(NodeRow node, RenderEvent e) {
        RunStatus previous = node.move(RunStatus.COMPLETED);
        node.artifacts = new ArrayList<>();
        for (Artifact a : e.artifacts()) {
            node.artifacts.add(JsonValues.MAPPER.convertValue(a, Map.class));
        }
        if (e.outputs() != null) {
            node.output.putAll(e.outputs());
        }
        Publications.primary(node.artifacts).ifPresent(primary -> {
            node.output.put(pathKey(JsonValues.text(primary, "role")), primary.get("path"));
            node.output.put("publishable_artifact", primary);
        });
        for (Object a : node.artifacts) {
            Map<String, Object> m = JsonValues.map(a);
            String role = JsonValues.text(m, "role");
            if ("thumbnail".equals(role)) {
                node.output.put("thumbnail_path", m.get("path"));
            } else if ("blend".equals(role)) {
                node.output.put("blend_path", m.get("path"));
            } else if ("glb".equals(role)) {
                node.output.putIfAbsent("glb_path", m.get("path"));
            }
        }
        timings(node, e);
        node.progress = null;
        selfPublish(node);
        changes.events.node(node.name, node.step, RunStatus.COMPLETED, previous, null, nodeEventOutput(node));
        long duration = node.durationMs == null ? 0 : node.durationMs;
        String step = node.step;
        changes.metrics.add(m -> m.nodeFinished(step, duration));
    }

    private void failNode(NodeRow node, RenderEvent e) {
        boolean retryable = e.failure() != null && e.failure().retryable();
        timings(node, e);
        node.errorCode = e.failure() == null ? null : e.failure().code().wire();
        node.retryable = retryable;
        node.errorMessage = failureMessage(e);
        node.logExcerpt = excerpt(e.failure() == null ? null : e.failure().logTail());
        retryOrFail(node, retryable);
    }

    /**
     * A node whose attempt failed (or was lost) is queued again while its retry policy allows (only retryable failures),
     * after the policy's back-off; otherwise it fails for good.
     */
    private void retryOrFail(NodeRow node, boolean retryable) {
        AnalyzedNode analyzed = graph == null ? null : graph.workflow().plan().analysis().nodesById().get(node.name);
        if (analyzed != null && !run.terminal()) {
            RetryPolicy policy = RetryPolicy.of(analyzed.definition(), graph.workflow().params(analyzed));
            int next = node.attempt + 1;
            // a new job for the next attempt: the worker's ledger would answer the old job id with its recorded failure
            if (policy.allowsAnotherAttempt(node.attempt, retryable)
                    && queueJob(analyzed, next, now.plus(policy.delayBefore(next)))) {
                return;
            }
        }
        RunStatus previous = node.move(RunStatus.FAILED);
        changes.events.node(node.name, node.step, RunStatus.FAILED, previous, node.errorMessage, nodeEventOutput(node));
        String step = node.step;
        long duration = node.durationMs == null ? 0 : node.durationMs;
        changes.metrics.add(m -> m.nodeFinished(step, duration));
        nodeFailedForGood(node);
    }

    /**
     * A graph render job with no output_save downstream publishes its own artifacts ({@code publish_asset_enabled},
     * as dispatch queued it); observers never do.
     */
    private void selfPublish(NodeRow node) {
        if (run.mode == ExecutionMode.SHADOW || !Boolean.TRUE.equals(node.output.get("publish_asset_enabled"))) {
            return;
        }
        List<Changes.MediaAsset> assets = Publications.assets(node.artifacts, null, new Publications.Placement(
                orderLine == null ? null : orderLine.id(), orderLine == null ? null : orderLine.orderId(),
                orderLine == null ? null : orderLine.productId(), run.cadFileId, run.id, node.name, node.jobId),
                "render_task_self_publish", fps(node));
        changes.assets.addAll(assets);
        supersedeFallback();
        node.output.put("media_asset_ids", assets.stream().map(a -> a.id().toString()).toList());
        String primary = Publications.primary(node.artifacts).map(p -> JsonValues.text(p, "path")).orElse(null);
        if (orderLine != null && primary != null) {
            changes.orderLine(orderLine.id(), null, primary);
        }
    }

    /** Downstream of a node that failed for good nothing can run: those nodes are skipped and the run fails. */
    private void nodeFailedForGood(NodeRow failed) {
        if (graph != null) {
            for (String id : downstreamOf(failed.name)) {
                NodeRow down = nodes.get(id);
                if (down != null && !down.terminal() && down.status != RunStatus.RUNNING) {
                    RunStatus previous = down.move(RunStatus.SKIPPED);
                    down.output.put("reason", "upstream node '" + failed.name + "' failed");
                    changes.events.node(down.name, down.step, RunStatus.SKIPPED, previous, null, down.output);
                }
            }
        }
        failRun("node '" + failed.name + "' (" + failed.step + ") failed: " + failed.errorMessage);
    }

    private List<String> downstreamOf(String nodeId) {
        Map<String, AnalyzedNode> byId = graph.workflow().plan().analysis().nodesById();
        List<String> out = new ArrayList<>();
        List<String> frontier = new ArrayList<>(List.of(nodeId));
        while (!frontier.isEmpty()) {
            AnalyzedNode n = byId.get(frontier.remove(0));
            if (n == null) {
                continue;
            }
            for (String d : n.downstream()) {
                if (!out.contains(d)) {
                    out.add(d);
                    frontier.add(d);
                }
            }
        }
        return out;
    }

    /** Every pending node whose upstream nodes are all completed or skipped runs now: in order, so chains cascade. */
    private void continueGraph() {
        if (graph == null || run.terminal()) {
            return;
        }
        Map<String, AnalyzedNode> byId = graph.workflow().plan().analysis().nodesById();
        for (AnalyzedNode analyzed : graph.workflow().plan().analysis().orderedNodes()) {
            NodeRow node = nodes.get(analyzed.id());
            if (node == null || node.status != RunStatus.PENDING || run.terminal()) {
                continue;
            }
            boolean ready = analyzed.upstream().stream().allMatch(id -> nodes.get(id) == null
                    || Statuses.satisfied(nodes.get(id).status));
            if (!ready) {
                continue;
            }
            if (InProcessNodes.handoff(analyzed.step()).isPresent()) {
                runHandoff(analyzed, node, byId);
            } else if (analyzed.definition().executor() == Executor.ASYNC) {
                // a node reset by resume or retry keeps its attempt count, so its next job is attempt + 1
                queueJob(analyzed, node.attempt + 1, now);
            } else {
                runInProcess(analyzed, node, byId);
            }
        }
    }

    /** Resume and retry ({@link RunControl}): after nodes were reset to pending, what can run now runs. */
    void continueAfterReset() {
        continueGraph();
        finishRunIfDone();
    }

    private Map<String, Map<String, Object>> outputs() {
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        nodes.values().forEach(n -> {
            if (n.status == RunStatus.COMPLETED) {
                outputs.put(n.name, n.output);
            }
        });
        return outputs;
    }

    private void runInProcess(AnalyzedNode analyzed, NodeRow node, Map<String, AnalyzedNode> byId) {
        InProcessNode step = InProcessNodes.node(analyzed.step()).orElse(null);
        RunStatus previous = node.status;
        if (step == null) {
            node.move(RunStatus.FAILED);
            node.errorMessage = "step '" + analyzed.step() + "' cannot run in the graph runtime";
            changes.events.node(node.name, node.step, RunStatus.FAILED, previous, node.errorMessage, node.output);
            nodeFailedForGood(node);
            return;
        }
        try {
            InProcessNode.Result r = step.execute(new NodeScope(graph.context(), analyzed, byId, outputs(),
                    graph.library()));
            node.move(r.status());
            node.output = new LinkedHashMap<>(r.output());
            node.startedAt = now;
            node.finishedAt = now;
            node.durationMs = 0L;
            changes.events.node(node.name, node.step, r.status(), previous, null, node.output);
        } catch (NodeInputMissing e) {
            node.move(RunStatus.FAILED);
            node.errorCode = e.code();
            node.errorMessage = e.getMessage();
            changes.events.node(node.name, node.step, RunStatus.FAILED, previous, node.errorMessage, node.output);
            nodeFailedForGood(node);
        }
    }

    /**
     * Queues a render job for the node (attempt n); false when staging it failed (the node then fails). A job not due
     * before {@code notBefore} (a retry's back-off) is held in {@code render_jobs} and released by the recovery sweep.
     */
    private boolean queueJob(AnalyzedNode analyzed, int attempt, Instant notBefore) {
        NodeRow node = nodes.get(analyzed.id());
        Map<String, AnalyzedNode> byId = graph.workflow().plan().analysis().nodesById();
        GraphRuntime.QueuedJob queued = GraphRuntime.queue(analyzed, graph.workflow(),
                new NodeScope(graph.context(), analyzed, byId, outputs(), graph.library()), run.mode, run.id,
                GraphRuntime.jobPreset(graph.workflow()), byId, now);
        RunStatus previous = node.status;
        boolean held = notBefore.isAfter(now);
        try {
            OutboxRow row = queue.stage(queued.job(), run.mode == ExecutionMode.SHADOW
                    ? RenderJobQueue.Role.OBSERVER : RenderJobQueue.Role.GRAPH);
            if (held) {
                changes.held.add(new Changes.HeldJob(queued.job().jobId(), row, notBefore));
            } else {
                changes.outbox.add(row);
            }
        } catch (RuntimeException e) {
            node.move(RunStatus.FAILED);
            node.errorMessage = "queuing the render job failed: " + e.getMessage();
            changes.events.node(node.name, node.step, RunStatus.FAILED, previous, node.errorMessage, node.output);
            nodeFailedForGood(node);
            return false;
        }
        changes.jobs.add(JobRecord.of(queued.job(), run.mode == ExecutionMode.SHADOW ? JobRecord.JobRole.OBSERVER
                : JobRecord.JobRole.GRAPH, null));
        Map<String, Object> output = new LinkedHashMap<>(queued.output());
        if (attempt > 1) {
            output.put("previous_job_id", node.jobId);
            output.put("previous_error", node.errorMessage);
            output.put("previous_error_code", node.errorCode);
        }
        if (held) {
            output.put("not_before", notBefore.toString());
        }
        node.output = output;
        node.jobId = queued.job().jobId();
        node.attempt = attempt;
        node.queuedAt = now;
        node.startedAt = null;
        node.finishedAt = null;
        node.durationMs = null;
        node.progress = null;
        node.move(RunStatus.QUEUED);
        changes.events.node(node.name, node.step, RunStatus.QUEUED, previous, null, output);
        return true;
    }

    private void runHandoff(AnalyzedNode analyzed, NodeRow node, Map<String, AnalyzedNode> byId) {
        RunStatus previous = node.status;
        List<NodeRow> upstream = analyzed.upstream().stream().map(nodes::get)
                .filter(n -> n != null && byId.get(n.name) != null
                        && byId.get(n.name).definition().executor() == Executor.ASYNC)
                .toList();
        if (run.mode == ExecutionMode.SHADOW || orderLine == null) {
            node.move(RunStatus.SKIPPED);
            node.output.put("handoff_state", "disabled");
            changes.events.node(node.name, node.step, RunStatus.SKIPPED, previous, null, node.output);
            return;
        }
        if (analyzed.step().equals("output_save")) {
            outputSave(analyzed, node, upstream);
        } else {
            notifyNode(node, upstream);
        }
        node.startedAt = now;
        node.finishedAt = now;
        node.durationMs = 0L;
        changes.events.node(node.name, node.step, node.status, previous, null, node.output);
    }

    /** output_save: exactly one media asset per published artifact of its upstream render jobs, then the order line. */
    private void outputSave(AnalyzedNode analyzed, NodeRow node, List<NodeRow> upstream) {
        Map<String, Object> params = graph.workflow().params(analyzed);
        String assetType = params.get("asset_type") == null ? null : String.valueOf(params.get("asset_type"));
        boolean markCompleted = !(params.get("mark_order_line_completed") instanceof Boolean b) || b;
        List<String> ids = new ArrayList<>();
        String resultPath = null;
        for (NodeRow up : upstream) {
            List<Changes.MediaAsset> assets = Publications.assets(up.artifacts, assetType,
                    new Publications.Placement(orderLine.id(), orderLine.orderId(), orderLine.productId(), run.cadFileId,
                            run.id, node.name, up.jobId), "graph_authoritative_save", fps(up));
            changes.assets.addAll(assets);
            assets.forEach(a -> ids.add(a.id().toString()));
            if (resultPath == null) {
                resultPath = Publications.primary(up.artifacts).map(p -> JsonValues.text(p, "path")).orElse(null);
            }
        }
        supersedeFallback();
        node.move(RunStatus.COMPLETED);
        node.output.put("publication_mode", "graph_authoritative_save");
        node.output.put("handoff_state", "completed");
        node.output.put("media_asset_ids", ids);
        node.output.put("media_asset_id", ids.isEmpty() ? null : ids.get(0));
        node.output.put("result_path", resultPath);
        if (markCompleted) {
            // a .blend never replaces the primary render result (resultPath stays null for it)
            changes.orderLine(orderLine.id(), "completed", resultPath);
        }
    }

    /**
     * A run that fell back to legacy and now publishes (it was retried or resumed after its fallback job ended)
     * replaces the line's legacy result: the fallback job's assets for the line go in the same transaction.
     */
    private void supersedeFallback() {
        if (run.fallbackJobId != null && orderLine != null) {
            changes.superseded.add(new Changes.Superseded(run.fallbackJobId, orderLine.id()));
        }
    }

    private void notifyNode(NodeRow node, List<NodeRow> upstream) {
        UUID id = UUID.nameUUIDFromBytes(("notify:" + run.id + ":" + node.name).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("workflow_run_id", run.id.toString());
        payload.put("node_id", node.name);
        payload.put("notified_for", upstream.stream().map(n -> n.name).toList());
        payload.put("result_paths", upstream.stream().map(n -> Publications.primary(n.artifacts)
                .map(p -> JsonValues.text(p, "path")).orElse(null)).filter(p -> p != null).toList());
        changes.notifications.add(new Changes.Notification(id, orderLine.orderId(), orderLine.id(), run.id,
                upstream.isEmpty() ? null : upstream.get(0).jobId, "render_completed",
                "render_completed:" + run.id + ":" + node.name, payload));
        node.move(RunStatus.COMPLETED);
        node.output.put("handoff_state", "completed");
        node.output.put("notification_id", id.toString());
    }

    private static Double fps(NodeRow node) {
        Object turntable = node.output.get("turntable");
        if (turntable instanceof Map<?, ?> m && m.get("fps") instanceof Number n) {
            return n.doubleValue();
        }
        Object params = node.output.get("params");
        if (params instanceof Map<?, ?> p && p.get("fps") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    private void runStarted() {
        if (run.status == RunStatus.PENDING) {
            run.status = RunStatus.RUNNING;
            run.startedAt = now;
            run.changed = true;
            changes.events.run(RunStatus.RUNNING, RunStatus.PENDING, null, null);
        }
    }

    void failRun(String message) {
        if (run.terminal()) {
            return;
        }
        RunStatus previous = run.status;
        run.status = RunStatus.FAILED;
        run.errorMessage = message;
        run.completedAt = now;
        run.changed = true;
        pendingRunEvent = new PendingRunEvent(RunStatus.FAILED, previous, message);
    }

    private void finishRunIfDone() {
        if (!run.terminal() && nodes.values().stream().allMatch(n -> Statuses.satisfied(n.status))) {
            RunStatus previous = run.status;
            run.status = RunStatus.COMPLETED;
            run.completedAt = now;
            run.changed = true;
            pendingRunEvent = new PendingRunEvent(RunStatus.COMPLETED, previous, null);
            if (run.mode == ExecutionMode.GRAPH && orderLine != null && !"completed".equals(orderLine.renderStatus())
                    && changes.orderLines.stream().noneMatch(u -> "completed".equals(u.renderStatus()))
                    && !hasOutputSave()) {
                changes.orderLine(orderLine.id(), "completed", null);
            }
            if (run.cadFileId != null && run.orderLineId == null) {
                cadIntakeResult();
            }
        }
    }

    private boolean hasOutputSave() {
        return nodes.values().stream().anyMatch(n -> "output_save".equals(n.step));
    }

    /** A CAD-file run fills the CAD file's part tree, GLB path and bounding box, as PATCH /api/cad-files does. */
    private void cadIntakeResult() {
        Map<String, Object> parsed = null;
        Object glb = null;
        Object bbox = null;
        for (NodeRow n : nodes.values()) {
            if (n.status != RunStatus.COMPLETED) {
                continue;
            }
            if (n.output.get("parsed_objects") instanceof Map<?, ?> p && parsed == null) {
                parsed = new LinkedHashMap<>(JsonValues.map(p));
            }
            if (n.output.get("glb_path") != null) {
                glb = n.output.get("glb_path");
            }
            if (n.output.get("bbox") instanceof Map<?, ?> b) {
                bbox = b;
            }
        }
        if (parsed == null && glb == null && bbox == null) {
            return;
        }
        Map<String, Object> out = parsed == null ? new LinkedHashMap<>() : parsed;
        if (!out.containsKey("objects") && out.get("part_names") instanceof List<?> names) {
            out.put("objects", names);
        }
        if (glb != null) {
            out.put("glb_path", glb);
        }
        if (bbox != null) {
            out.put("bbox", bbox);
        }
        changes.cadFileId = run.cadFileId;
        changes.cadParsedObjects = out;
    }

    /** Writes the run's terminal event (once), with {@code extra} merged into its output (e.g. the fallback job). */
    void closeRunEvent(Map<String, Object> extra) {
        if (pendingRunEvent == null) {
            return;
        }
        Map<String, Object> output = new LinkedHashMap<>();
        Map<String, Object> statuses = new LinkedHashMap<>();
        nodes.values().forEach(n -> statuses.put(n.name, n.status.wire()));
        output.put("node_statuses", statuses);
        output.putAll(extra);
        changes.events.run(pendingRunEvent.status(), pendingRunEvent.previous(), pendingRunEvent.message(), output);
        String mode = run.mode.wire();
        String status = pendingRunEvent.status().wire();
        Duration duration = run.createdAt == null ? null : Duration.between(run.createdAt, now);
        changes.metrics.add(m -> m.runFinished(mode, status, duration));
        pendingRunEvent = null;
    }

    /** Whether this event ended the run. */
    boolean runEndedNow() {
        return !Statuses.terminal(runStatusBefore) && run.terminal();
    }

    List<NodeRow> nodes() {
        return List.copyOf(nodes.values());
    }

    private void timings(NodeRow node, RenderEvent e) {
        if (e.timings() != null) {
            if (e.timings().startedAt() != null) {
                node.startedAt = e.timings().startedAt();
            }
            node.finishedAt = e.timings().finishedAt() != null ? e.timings().finishedAt() : now;
            node.durationMs = e.timings().durationMs();
        } else {
            node.finishedAt = now;
        }
        if (node.durationMs == null && node.startedAt != null) {
            node.durationMs = Duration.between(node.startedAt, node.finishedAt).toMillis();
        }
    }

    private static String pathKey(String role) {
        if (role == null) {
            return "output_path";
        }
        return switch (role) {
            case "video" -> "video_path";
            default -> "image_path";
        };
    }

    static String failureMessage(RenderEvent e) {
        if (e.failure() == null) {
            return "the job failed";
        }
        return e.failure().message() == null ? e.failure().code().wire() : e.failure().message();
    }

    static String excerpt(String log) {
        if (log == null || log.length() <= LOG_EXCERPT_LIMIT) {
            return log;
        }
        return "…" + log.substring(log.length() - LOG_EXCERPT_LIMIT);
    }

    private Map<String, Object> nodeEventOutput(NodeRow node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", node.jobId);
        out.put("attempt", node.attempt);
        out.put("worker_id", node.workerId);
        if (node.progress != null) {
            out.put("progress", node.progress);
        }
        if (node.status == RunStatus.COMPLETED) {
            out.put("artifacts", node.artifacts);
            out.put("duration_ms", node.durationMs);
        }
        if (node.status == RunStatus.FAILED) {
            out.put("error_code", node.errorCode);
            out.put("retryable", node.retryable);
        }
        return out;
    }
}
