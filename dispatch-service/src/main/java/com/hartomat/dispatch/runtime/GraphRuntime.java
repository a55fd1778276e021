package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.runs.NodeResultRecord;
import com.hartomat.dispatch.runtime.nodes.HandoffNode;
import com.hartomat.dispatch.runtime.nodes.InProcessNode;
import com.hartomat.dispatch.runtime.nodes.InProcessNodes;
import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
import com.hartomat.dispatch.runtime.nodes.NodeScope;
import com.hartomat.dispatch.runtime.nodes.OutputSaveNode;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.Executor;
import com.hartomat.workflow.model.WorkflowConfigs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Prepares one graph (or shadow observer) run in memory: executes the in-process steps in topological order, turns
 * every render-job step into a queued job with its publication flags, arms output_save / notify handoffs. Nothing is
 * written here; the dispatch writes the result in one transaction.
 */
@ApplicationScoped
public class GraphRuntime {

    private final RenderJobQueue queue;

    public GraphRuntime(RenderJobQueue queue) {
        this.queue = queue;
    }

    /** The in-memory outcome: node results in topological order and the staged job rows. */
    public record GraphRun(UUID runId, ExecutionMode mode, List<NodeResultRecord> nodeResults, List<OutboxRow> jobRows,
            List<String> taskIds, List<RenderJob> jobs) {
    }

    /**
     * Runs the in-process steps; throws {@link NodeInputMissing} when the context cannot satisfy a step (nothing is
     * queued then), or {@link GraphExecutionFailed} when queuing a job fails.
     */
    public GraphRun build(PreparedWorkflow wf, ContextData ctx, NodeScope.Library library, ExecutionMode mode, UUID runId,
            Instant now) {
        boolean observer = mode == ExecutionMode.SHADOW;
        List<AnalyzedNode> ordered = wf.plan().analysis().orderedNodes();
        Map<String, AnalyzedNode> byId = wf.plan().analysis().nodesById();
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        Map<String, NodeResultRecord> results = new LinkedHashMap<>();
        Map<String, List<String>> behindJobs = behindJobs(ordered, byId);
        for (AnalyzedNode node : ordered) {
            if (UnsupportedNodes.unsupported(node)) {
                throw new NodeInputMissing("unsupported_node", "node '" + node.id() + "' (" + node.step()
                        + ") cannot run in the graph runtime");
            }
            if (behindJobs.containsKey(node.id()) && InProcessNodes.handoff(node.step()).isEmpty()) {
                // runs once its upstream jobs complete (render.events), not at dispatch
                Map<String, Object> waiting = new LinkedHashMap<>();
                waiting.put("awaiting_node_ids", behindJobs.get(node.id()));
                results.put(node.id(), new NodeResultRecord(node.id(), node.step(), RunStatus.PENDING, waiting, null));
                continue;
            }
            InProcessNode step = node.definition().executor() == Executor.SYNC
                    ? InProcessNodes.node(node.step()).orElse(null) : null;
            if (step != null) {
                InProcessNode.Result r = step.execute(new NodeScope(ctx, node, byId, outputs, library));
                outputs.put(node.id(), r.output());
                results.put(node.id(), new NodeResultRecord(node.id(), node.step(), r.status(), r.output(), null));
            }
        }
        String jobPreset = jobPreset(wf);
        List<RenderJob> jobs = new ArrayList<>();
        for (AnalyzedNode node : ordered) {
            if (node.definition().executor() != Executor.ASYNC || behindJobs.containsKey(node.id())) {
                continue;
            }
            QueuedJob queued = queue(node, wf, new NodeScope(ctx, node, byId, outputs, library), mode, runId, jobPreset,
                    byId, now);
            jobs.add(queued.job());
            Map<String, Object> out = queued.output();
            results.put(node.id(), new NodeResultRecord(node.id(), node.step(), RunStatus.QUEUED, out, null));
        }
        for (AnalyzedNode node : ordered) {
            HandoffNode handoff = InProcessNodes.handoff(node.step()).orElse(null);
            if (handoff == null) {
                continue;
            }
            List<String> upstreamJobs = node.upstream().stream()
                    .filter(id -> byId.get(id) != null && byId.get(id).definition().executor() == Executor.ASYNC).toList();
            InProcessNode.Result r = handoff.arm(upstreamJobs, observer);
            results.put(node.id(), new NodeResultRecord(node.id(), node.step(), r.status(), r.output(), null));
        }
        List<NodeResultRecord> orderedResults = ordered.stream().map(n -> results.get(n.id())).toList();
        List<OutboxRow> rows = new ArrayList<>();
        for (RenderJob job : jobs) {
            try {
                rows.add(queue.stage(job, observer ? RenderJobQueue.Role.OBSERVER : RenderJobQueue.Role.GRAPH));
            } catch (RuntimeException e) {
                throw new GraphExecutionFailed(e.getMessage() == null ? e.toString() : e.getMessage(), e,
                        failedAt(orderedResults, job.workflowNodeId(), e));
            }
        }
        return new GraphRun(runId, mode, orderedResults, rows, jobs.stream().map(RenderJob::jobId).toList(), jobs);
    }

    /** A render job for one async node, and the node's queued output (what it was queued with). */
    public record QueuedJob(RenderJob job, Map<String, Object> output) {
    }

    /** Builds the render job of an async node whose inputs are available in {@code scope}. */
    public static QueuedJob queue(AnalyzedNode node, PreparedWorkflow wf, NodeScope scope, ExecutionMode mode, UUID runId,
            String jobPreset, Map<String, AnalyzedNode> byId, Instant now) {
        boolean observer = mode == ExecutionMode.SHADOW;
        List<String> outputIds = new ArrayList<>();
        List<String> notifyIds = new ArrayList<>();
        for (String down : node.downstream()) {
            AnalyzedNode d = byId.get(down);
            HandoffNode handoff = d == null ? null : InProcessNodes.handoff(d.step()).orElse(null);
            if (handoff instanceof OutputSaveNode) {
                outputIds.add(down);
            } else if (handoff != null) {
                notifyIds.add(down);
            }
        }
        Publication publication = observer
                ? new Publication(false, false, List.of(), false, false, "shadow-" + runId.toString().substring(0, 8),
                        false, List.of())
                : new Publication(outputIds.isEmpty(), !outputIds.isEmpty(), outputIds, true, true, null,
                        !notifyIds.isEmpty(), notifyIds);
        Map<String, Object> params = wf.params(node);
        String jobType = node.definition().jobType(params);
        RenderJob job = RenderJob.of(UUID.randomUUID().toString(), JobType.fromWire(jobType),
                node.definition().taskName(), mode, jobPreset, runId.toString(), node.id(), wf.definitionId(),
                scope.context().renderContext(), params, inputs(scope, JobType.fromWire(jobType)), publication, null, now);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task_id", job.jobId());
        out.put("task_name", job.taskName());
        out.put("job_type", jobType);
        out.put("predicted_asset_type", jobType);
        out.put("publish_asset_enabled", publication.publishAssetEnabled());
        out.put("graph_authoritative_output_enabled", publication.graphAuthoritativeOutputEnabled());
        out.put("graph_output_node_ids", publication.graphOutputNodeIds());
        out.put("emit_legacy_notifications", publication.emitLegacyNotifications());
        out.put("graph_notify_node_ids", publication.graphNotifyNodeIds());
        out.put("emit_events", publication.emitEvents());
        out.put("output_name_suffix", publication.outputNameSuffix());
        out.put("params", params);
        return new QueuedJob(job, out);
    }

    /** The preset a graph's jobs carry (the legacy preset the graph was built from, if any). */
    public static String jobPreset(PreparedWorkflow wf) {
        String preset = wf.plan().analysis().preset();
        return preset != null && WorkflowConfigs.PRESETS.contains(preset) ? preset : null;
    }

    private static List<NodeResultRecord> failedAt(List<NodeResultRecord> results, String nodeId, Throwable e) {
        List<NodeResultRecord> out = new ArrayList<>();
        for (NodeResultRecord r : results) {
            if (r.nodeName().equals(nodeId)) {
                out.add(new NodeResultRecord(r.nodeName(), r.step(), RunStatus.FAILED, r.output(), e.getMessage()));
            } else if (r.status() == RunStatus.QUEUED) {
                out.add(new NodeResultRecord(r.nodeName(), r.step(), RunStatus.PENDING, r.output(), null));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Nodes with a render-job ancestor, each with the job nodes it waits for (directly or through others). */
    static Map<String, List<String>> behindJobs(List<AnalyzedNode> ordered, Map<String, AnalyzedNode> byId) {
        Map<String, List<String>> behind = new LinkedHashMap<>();
        for (AnalyzedNode node : ordered) {
            List<String> waits = new ArrayList<>();
            for (String up : node.upstream()) {
                AnalyzedNode u = byId.get(up);
                if (u == null) {
                    continue;
                }
                if (u.definition().executor() == Executor.ASYNC && !waits.contains(up)) {
                    waits.add(up);
                }
                for (String w : behind.getOrDefault(up, List.of())) {
                    if (!waits.contains(w)) {
                        waits.add(w);
                    }
                }
            }
            if (!waits.isEmpty()) {
                behind.put(node.id(), waits);
            }
        }
        return behind;
    }

    /** The job types that render a scene, and so take the output type's default material. */
    static final Set<JobType> SCENE_JOBS = EnumSet.of(JobType.STILL, JobType.TURNTABLE, JobType.MULTI_ANGLE,
            JobType.EXPORT_BLEND, JobType.BLENDER_RENDER, JobType.THUMBNAIL_SAVE, JobType.LEGACY_RENDER);

    /**
     * The render job's inputs: upstream outputs under the names agreed with the render worker, and for scene jobs the
     * output type's {@code default_material} (parts without an assignment get it; the worker lists them as unassigned).
     */
    static Map<String, Object> inputs(NodeScope scope, JobType jobType) {
        Map<String, Object> in = inputs(scope);
        if (SCENE_JOBS.contains(jobType) && scope.library() != null && scope.library().defaultMaterial() != null) {
            in.put("default_material", scope.library().defaultMaterial());
        }
        return in;
    }

    /** The render job's inputs: upstream outputs under the names agreed with the render worker. */
    static Map<String, Object> inputs(NodeScope scope) {
        Map<String, Object> in = new LinkedHashMap<>();
        scope.input("step_path").ifPresent(v -> in.put("step_path", v));
        scope.input("glb_path").ifPresent(v -> in.put("glb_path", v));
        scope.input("material_map").or(() -> scope.input("material_assignments"))
                .ifPresent(v -> in.put("material_assignments", v));
        scope.input("template").ifPresent(v -> in.put("template", v));
        scope.input("bbox").ifPresent(v -> in.put("bbox", v));
        scope.input("parsed_objects").ifPresent(v -> in.put("parsed_objects", v));
        if (!in.containsKey("step_path") && scope.context().stepPath() != null) {
            in.put("step_path", scope.context().stepPath());
        }
        return in;
    }
}
