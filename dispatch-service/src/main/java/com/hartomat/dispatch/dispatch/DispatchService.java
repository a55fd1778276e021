package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.rollout.GateStatus;
import com.hartomat.dispatch.rollout.RolloutGate;
import com.hartomat.dispatch.rollout.RolloutMode;
import com.hartomat.dispatch.rollout.RolloutResource;
import com.hartomat.dispatch.rollout.RolloutScope;
import com.hartomat.dispatch.rollout.RolloutSettings;
import com.hartomat.dispatch.runs.DispatchWrite;
import com.hartomat.dispatch.runs.JobRecord;
import com.hartomat.dispatch.runs.NodeResultRecord;
import com.hartomat.dispatch.runs.RunRecord;
import com.hartomat.dispatch.runs.RunWriter;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ContextLoader;
import com.hartomat.dispatch.runtime.GraphExecutionFailed;
import com.hartomat.dispatch.runtime.GraphRuntime;
import com.hartomat.dispatch.runtime.MaterialLibrary;
import com.hartomat.dispatch.runtime.ShadowParity;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RunConfig;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import com.hartomat.dispatch.runtime.RunPreparer;
import com.hartomat.dispatch.runtime.UnsupportedNodes;
import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.Executor;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code dispatch_render_with_workflow}: decides legacy / workflow-legacy / graph / shadow for one order line, prepares
 * and runs what the decision asks for, and writes run, node results and jobs in one transaction.
 */
@ApplicationScoped
public class DispatchService {

    private final ContextLoader contexts;
    private final RegistryReadModel readModel;
    private final RunPreparer preparer;
    private final GraphRuntime runtime;
    private final RenderJobQueue queue;
    private final RolloutSettings settings;
    private final RunWriter writer;
    private final Idempotency idempotency;
    private final MeterRegistry meters;

    public DispatchService(ContextLoader contexts, RegistryReadModel readModel, RunPreparer preparer, GraphRuntime runtime,
            RenderJobQueue queue, RolloutSettings settings, RunWriter writer,
            Idempotency idempotency, MeterRegistry meters) {
        this.contexts = contexts;
        this.readModel = readModel;
        this.preparer = preparer;
        this.runtime = runtime;
        this.queue = queue;
        this.settings = settings;
        this.writer = writer;
        this.idempotency = idempotency;
        this.meters = meters;
    }

    /** What the read side found for an order line before deciding. */
    private record Facts(ContextData ctx, Optional<RegistryEntity> outputType, Optional<RegistryEntity> workflow,
            RolloutSettings.Snapshot rollout, List<RegistryEntity> materials) {

        /** The output type's default material resolved against the library, or null when it names none. */
        Map<String, Object> defaultMaterial() {
            return MaterialLibrary.defaultMaterial(MaterialLibrary.defaultMaterialName(outputType), materials);
        }
    }

    public Uni<OrderLineDispatchResult> dispatchOrderLine(UUID orderLineId, String idempotencyKey) {
        String scope = "order_line_dispatch:" + orderLineId;
        return idempotency.replayOr(scope, idempotencyKey, OrderLineDispatchResult.class, () -> contexts.orderLine(orderLineId)
                .map(found -> found.orElseThrow(() -> ApiException.noSuch("order_line", orderLineId.toString())))
                .flatMap(this::facts)
                .flatMap(facts -> decideAndRun(facts, scope, idempotencyKey)));
    }

    private Uni<Facts> facts(ContextData ctx) {
        String otId = ctx.outputTypeId();
        return readModel.outputType(otId).flatMap(ot -> {
            String wfId = ot.map(o -> o.text("workflow_definition_id")).orElse(null);
            Uni<Optional<RegistryEntity>> wf = wfId == null ? Uni.createFrom().item(Optional.empty())
                    : readModel.workflowDefinition(wfId);
            // the legacy job resolves part materials and the output type's default material against the library
            // (held in memory by the read model)
            Uni<List<RegistryEntity>> materials = ctx.cadPartMaterials().isEmpty()
                    && MaterialLibrary.defaultMaterialName(ot) == null ? Uni.createFrom().item(List.of())
                    : readModel.all("material");
            return wf.flatMap(w -> settings.snapshot(otId, wfId).flatMap(snapshot -> materials.map(m ->
                    new Facts(ctx, ot, w, snapshot, m))));
        });
    }

    /** How a shadow dispatch's authoritative legacy side renders an order line: its context, materials, preset, params. */
    public record LegacyRender(ContextData ctx, List<RegistryEntity> materials, Map<String, Object> defaultMaterial,
            String preset, String workflowDefId,
            Map<String, Object> params) {
    }

    /**
     * The legacy render of an order line exactly as a dispatch would queue it (the output type's workflow, when it
     * prepares, lends its render params under the output type's overrides); an A/A calibration renders it this way.
     */
    public Uni<LegacyRender> legacyRender(UUID orderLineId) {
        return contexts.orderLine(orderLineId)
                .map(found -> found.orElseThrow(() -> ApiException.noSuch("order_line", orderLineId.toString())))
                .flatMap(this::facts).map(f -> {
                    String wfId = f.outputType().map(o -> o.text("workflow_definition_id")).orElse(null);
                    Map<String, Object> overrides = renderOverrides(f.outputType());
                    PreparedWorkflow prepared = null;
                    if (f.workflow().isPresent() && f.workflow().get().flag("is_active", true)) {
                        RegistryEntity wf = f.workflow().get();
                        JsonNode rawConfig = wf.tree("config");
                        try {
                            prepared = preparer.prepare(new RunPreparer.WorkflowSource(wf.id(), wf.version(),
                                    () -> rawConfig), f.ctx(), overrides);
                        } catch (RuntimeException e) {
                            prepared = null; // a dispatch would render legacy without the workflow's params too
                        }
                    }
                    String preset = LegacyJobs.presetFor(f.outputType().map(o -> o.text("artifact_kind")).orElse(null));
                    return new LegacyRender(f.ctx(), f.materials(), f.defaultMaterial(), preset, wfId, legacyParams(prepared, overrides));
                });
    }

    private Uni<OrderLineDispatchResult> decideAndRun(Facts f, String scope, String idempotencyKey) {
        ContextData ctx = f.ctx();
        Instant now = Instant.now();
        String wfId = f.outputType().map(o -> o.text("workflow_definition_id")).orElse(null);
        boolean available = f.workflow().isPresent() && f.workflow().get().flag("is_active", true);
        Map<String, Object> overrides = renderOverrides(f.outputType());

        PreparedWorkflow prepared = null;
        String preparationFailure = null;
        String configured = null;
        if (available) {
            RegistryEntity wf = f.workflow().get();
            JsonNode rawConfig = wf.tree("config");
            configured = RolloutResource.configuredMode(rawConfig);
            try {
                prepared = preparer.prepare(new RunPreparer.WorkflowSource(wf.id(), wf.version(), () -> rawConfig), ctx,
                        overrides);
                configured = prepared.executionMode();
            } catch (RuntimeException e) {
                preparationFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        ExecutionMode configuredMode = configured == null ? null : ExecutionMode.fromWire(configured);
        RolloutMode operator = f.rollout().outputTypeMode();
        RolloutMode workflowOperator = f.rollout().workflowMode();
        RolloutMode rollout;
        String rolloutSource;
        if (operator != null || workflowOperator != null) {
            rollout = operator == null ? workflowOperator : operator.mostRestrictive(workflowOperator);
            rolloutSource = "operator";
        } else {
            rollout = RolloutMode.derivedFrom(configured);
            rolloutSource = "derived_from_config";
        }
        RolloutGate.Decision decision = RolloutGate.decide(new RolloutGate.Input(
                ctx.outputTypeId() == null || f.outputType().isPresent(), wfId, available, preparationFailure,
                f.outputType().map(o -> o.text("artifact_kind")).orElse(null),
                prepared == null ? List.of() : prepared.plan().analysis().terminalArtifactKinds(),
                configuredMode, rollout, prepared == null ? List.of() : UnsupportedNodes.of(prepared.plan())));

        OrderLineDispatchResult r = new OrderLineDispatchResult();
        r.orderLineId = ctx.orderLineId().toString();
        r.executionMode = decision.executionMode().wire();
        r.configuredExecutionMode = configured;
        r.workflowRolloutMode = rollout.wire();
        r.workflowRolloutModeSource = rolloutSource;
        r.rolloutGateStatus = decision.status().wire();
        r.rolloutGateReasons = new ArrayList<>(decision.reasons());
        r.rolloutWorkflowDefinitionId = wfId;
        r.rolloutOutputTypeId = ctx.outputTypeId();

        List<RunRecord> runs = new ArrayList<>();
        List<OutboxRow> rows = new ArrayList<>();
        List<JobRecord> jobs = new ArrayList<>();
        String otId = ctx.outputTypeId();
        PreparedWorkflow wf = prepared;
        String legacyPreset = LegacyJobs.presetFor(f.outputType().map(o -> o.text("artifact_kind")).orElse(null));
        Uni<Void> work = switch (decision.route()) {
            case LEGACY -> {
                legacy(r, rows, jobs, ctx, f.materials(), f.defaultMaterial(), legacyPreset, null, wfId, legacyParams(null, overrides), now);
                yield Uni.createFrom().voidItem();
            }
            case WORKFLOW_LEGACY -> {
                UUID runId = UUID.randomUUID();
                String preset = wf.plan().analysis().preset();
                String jobPreset = preset != null && WorkflowConfigs.PRESETS.contains(preset) ? preset : legacyPreset;
                RenderJob job = legacy(r, rows, jobs, ctx, f.materials(), f.defaultMaterial(), jobPreset, runId.toString(), wfId,
                        legacyParams(wf, overrides), now);
                List<NodeResultRecord> nodes = wf.plan().analysis().orderedNodes().stream()
                        .map(n -> new NodeResultRecord(n.id(), n.step(), RunStatus.PENDING, Map.of(), null)).toList();
                runs.add(new RunRecord(runId, wfId, ctx.orderLineId(), ctx.cadFileId(), otId, ExecutionMode.LEGACY,
                        RunStatus.PENDING, job.jobId(), null, null, null, nodes));
                r.backend = "workflow";
                r.workflowType = preset;
                r.workflowRunId = runId.toString();
                yield Uni.createFrom().voidItem();
            }
            case GRAPH -> contexts.library(wf.plan(), ctx).invoke(library -> {
                UUID runId = UUID.randomUUID();
                r.workflowRunId = runId.toString();
                r.workflowType = wf.plan().analysis().preset();
                try {
                    GraphRuntime.GraphRun run = runtime.build(wf, ctx, library, ExecutionMode.GRAPH, runId, now);
                    runs.add(new RunRecord(runId, wfId, ctx.orderLineId(), ctx.cadFileId(), otId, ExecutionMode.GRAPH,
                            RunStatus.PENDING, first(run.taskIds()), null, null, RunConfig.of(wf), run.nodeResults()));
                    rows.addAll(run.jobRows());
                    run.jobs().forEach(j -> jobs.add(JobRecord.of(j, JobRecord.JobRole.GRAPH, null)));
                    r.backend = "workflow_graph";
                    r.executionMode = "graph";
                    r.taskIds = run.taskIds();
                    r.celeryTaskId = first(run.taskIds());
                    r.rolloutGateVerdict = "pass";
                    r.workflowRolloutReady = true;
                    r.outputTypeRolloutReady = true;
                } catch (NodeInputMissing | GraphExecutionFailed e) {
                    List<NodeResultRecord> nodes = e instanceof GraphExecutionFailed g ? g.nodeResults() : List.of();
                    runs.add(new RunRecord(runId, wfId, ctx.orderLineId(), ctx.cadFileId(), otId, ExecutionMode.GRAPH,
                            RunStatus.FAILED, null, e.getMessage(), null, null, nodes));
                    r.rolloutGateStatus = GateStatus.GRAPH_EXECUTION_FAILED.wire();
                    r.rolloutGateReasons = List.of("Graph execution failed: " + e.getMessage());
                    r.fallbackFrom = "workflow_graph";
                    r.executionMode = "legacy";
                    legacy(r, rows, jobs, ctx, f.materials(), f.defaultMaterial(), legacyPreset, null, wfId, legacyParams(wf, overrides), now);
                }
            }).replaceWithVoid();
            case SHADOW -> contexts.library(wf.plan(), ctx).invoke(library -> {
                RenderJob authoritative = legacy(r, rows, jobs, ctx, f.materials(), f.defaultMaterial(), legacyPreset, null, wfId,
                        legacyParams(wf, overrides), now);
                r.executionMode = "shadow";
                r.shadowTaskIds = List.of();
                UUID runId = UUID.randomUUID();
                try {
                    ShadowParity.requireFaithfulObserver(wf.plan().analysis(), ctx.cadPartMaterials());
                    GraphRuntime.GraphRun run = runtime.build(wf, ctx, library, ExecutionMode.SHADOW, runId, now);
                    runs.add(new RunRecord(runId, wfId, ctx.orderLineId(), ctx.cadFileId(), otId, ExecutionMode.SHADOW,
                            RunStatus.PENDING, first(run.taskIds()), null, authoritative.jobId(), RunConfig.of(wf),
                            run.nodeResults()));
                    rows.addAll(run.jobRows());
                    run.jobs().forEach(j -> jobs.add(JobRecord.of(j, JobRecord.JobRole.OBSERVER, null)));
                    // the legacy job learns its observer, so that the pair is compared once both have finished
                    jobs.set(0, JobRecord.of(authoritative, JobRecord.JobRole.LEGACY, runId));
                    r.shadowStatus = "dispatched";
                    r.shadowTaskIds = run.taskIds();
                    r.shadowWorkflowRunId = runId.toString();
                    String latest = f.rollout().latestVerdict();
                    r.rolloutGateVerdict = latest;
                    boolean passed = "pass".equals(latest);
                    r.workflowRolloutReady = passed;
                    r.outputTypeRolloutReady = passed;
                } catch (NodeInputMissing e) {
                    r.shadowStatus = "skipped";
                    r.shadowError = e.getMessage();
                    r.rolloutGateStatus = GateStatus.SHADOW_SKIPPED.wire();
                    r.rolloutGateReasons = List.of("Shadow observer skipped: " + e.getMessage());
                } catch (GraphExecutionFailed e) {
                    runs.add(new RunRecord(runId, wfId, ctx.orderLineId(), ctx.cadFileId(), otId, ExecutionMode.SHADOW,
                            RunStatus.FAILED, null, e.getMessage(), authoritative.jobId(), null, e.nodeResults()));
                    jobs.set(0, JobRecord.of(authoritative, JobRecord.JobRole.LEGACY, runId));
                    r.shadowStatus = "failed";
                    r.shadowError = e.getMessage();
                    r.shadowWorkflowRunId = runId.toString();
                    r.rolloutGateStatus = GateStatus.SHADOW_EXECUTION_FAILED.wire();
                    r.rolloutGateReasons = List.of("Shadow observer failed: " + e.getMessage());
                }
            }).replaceWithVoid();
        };
        return work.flatMap(v -> {
            UUID processing = ctx.orderId(); // a draft or submitted order moves to processing (RunWriter)
            DispatchWrite.Idempotency idem = idempotencyKey == null ? null
                    : new DispatchWrite.Idempotency(scope, idempotencyKey, idempotency.stored(r), 200);
            return writer.write(new DispatchWrite(runs, rows, jobs, processing, ctx.orderLineId(), idem));
        }).map(v -> {
            meters.counter("dispatch_decisions_total", "gate_status", String.valueOf(r.rolloutGateStatus),
                    "backend", String.valueOf(r.backend)).increment();
            return r;
        });
    }

    private RenderJob legacy(OrderLineDispatchResult r, List<OutboxRow> rows, List<JobRecord> jobs, ContextData ctx,
            List<RegistryEntity> materials, Map<String, Object> defaultMaterial, String preset, String runId, String wfId,
            Map<String, Object> params, Instant now) {
        RenderJob job = LegacyJobs.job(ctx, materials, defaultMaterial, preset, runId, wfId, params, now);
        rows.add(queue.stage(job, RenderJobQueue.Role.LEGACY));
        jobs.add(JobRecord.of(job, JobRecord.JobRole.LEGACY, null));
        r.taskIds = List.of(job.jobId());
        r.celeryTaskId = job.jobId();
        return job;
    }

    /** Output-type render settings, then its invocation overrides. */
    public static Map<String, Object> renderOverrides(Optional<RegistryEntity> outputType) {
        Map<String, Object> out = new LinkedHashMap<>();
        outputType.ifPresent(o -> {
            out.putAll(o.object("render_settings"));
            out.putAll(o.object("invocation_overrides"));
        });
        return out;
    }

    /** The legacy job's params: the workflow's first render step params (if any) under the output type's overrides. */
    public static Map<String, Object> legacyParams(PreparedWorkflow wf, Map<String, Object> overrides) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (wf != null) {
            for (AnalyzedNode node : wf.plan().analysis().orderedNodes()) {
                if (node.definition().executor() == Executor.ASYNC) {
                    params.putAll(wf.params(node));
                    break;
                }
            }
        }
        params.putAll(overrides);
        return JsonValues.map(params);
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }
}
