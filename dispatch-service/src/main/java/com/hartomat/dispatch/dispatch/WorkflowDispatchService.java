package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.runs.DispatchWrite;
import com.hartomat.dispatch.runs.JobRecord;
import com.hartomat.dispatch.runs.NodeResultRecord;
import com.hartomat.dispatch.runs.RunRecord;
import com.hartomat.dispatch.runs.RunWriter;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ContextLoader;
import com.hartomat.dispatch.runtime.GraphExecutionFailed;
import com.hartomat.dispatch.runtime.GraphRuntime;
import com.hartomat.dispatch.runtime.InvalidWorkflowConfig;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RunConfig;
import com.hartomat.dispatch.runtime.RunPreparer;
import com.hartomat.dispatch.runtime.UnsupportedNodes;
import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
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
 * Manual graph dispatch of a saved workflow ({@code POST /api/workflows/{id}/dispatch}) or an unsaved draft
 * ({@code POST /api/workflows/dispatch}) against one context. Always runs as a graph; refuses (422, nothing queued)
 * what cannot run.
 */
@ApplicationScoped
public class WorkflowDispatchService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WorkflowDispatchService.class);

    private final ContextLoader contexts;
    private final RegistryReadModel readModel;
    private final RunPreparer preparer;
    private final GraphRuntime runtime;
    private final RunWriter writer;
    private final Idempotency idempotency;

    public WorkflowDispatchService(ContextLoader contexts, RegistryReadModel readModel, RunPreparer preparer,
            GraphRuntime runtime, RunWriter writer, Idempotency idempotency) {
        this.contexts = contexts;
        this.readModel = readModel;
        this.preparer = preparer;
        this.runtime = runtime;
        this.writer = writer;
        this.idempotency = idempotency;
    }

    public Uni<WorkflowDispatchResult> dispatchSaved(String workflowId, UUID contextId, String key) {
        String scope = "workflow_dispatch:" + workflowId + ":" + contextId;
        return idempotency.replayOr(scope, key, WorkflowDispatchResult.class, () -> readModel.workflowDefinition(workflowId)
                .map(found -> found.orElseThrow(() -> ApiException.noSuch("workflow_definition", workflowId)))
                .flatMap(wf -> contexts.resolve(contextId).flatMap(ctx -> run(wf.id(),
                        new RunPreparer.WorkflowSource(wf.id(), wf.version(), () -> wf.tree("config")), ctx, scope, key))));
    }

    public Uni<WorkflowDispatchResult> dispatchDraft(String workflowId, UUID contextId, JsonNode config, String key) {
        String scope = "draft_dispatch:" + contextId;
        return idempotency.replayOr(scope, key, WorkflowDispatchResult.class, () -> contexts.resolve(contextId).flatMap(ctx -> run(workflowId,
                new RunPreparer.WorkflowSource(null, 0, () -> config), ctx, scope, key)));
    }

    private Uni<WorkflowDispatchResult> run(String workflowId, RunPreparer.WorkflowSource source, ContextData ctx,
            String scope, String key) {
        Uni<Optional<RegistryEntity>> outputType = ctx.outputTypeId() == null ? Uni.createFrom().item(Optional.empty())
                : readModel.outputType(ctx.outputTypeId());
        return outputType.flatMap(ot -> {
            PreparedWorkflow wf = prepare(source, ctx, DispatchService.renderOverrides(ot));
            String expected = wf.plan().analysis().contextKind();
            if (expected != null && !expected.equals(ctx.kindWire())) {
                throw ApiException.invalid("context_kind_mismatch", "the workflow runs on a " + expected
                        + " context, but " + ctx.contextId() + " is a " + ctx.kindWire(), "/context_id");
            }
            List<String> unsupported = UnsupportedNodes.of(wf.plan());
            if (!unsupported.isEmpty()) {
                throw ApiException.invalid("unsupported_nodes", "the graph runtime cannot execute nodes " + unsupported,
                        "/nodes");
            }
            return contexts.library(wf.plan(), ctx).flatMap(library -> {
                UUID runId = UUID.randomUUID();
                GraphRuntime.GraphRun run;
                try {
                    run = runtime.build(wf, ctx, library, ExecutionMode.GRAPH, runId, Instant.now());
                } catch (NodeInputMissing e) {
                    throw ApiException.invalid(e.code(), e.getMessage(), "/context_id");
                } catch (GraphExecutionFailed e) {
                    // a 5xx names no exception text: the cause goes to the log
                    LOG.warnf(e, "queuing the render jobs of workflow %s failed", workflowId);
                    throw new ApiException(503, "graph_execution_failed", "queuing the graph's render jobs failed; "
                            + "nothing was dispatched, try again later", "");
                }
                String first = run.taskIds().isEmpty() ? null : run.taskIds().get(0);
                RunRecord record = new RunRecord(runId, workflowId, ctx.orderLineId(), ctx.cadFileId(),
                        ctx.outputTypeId(), ExecutionMode.GRAPH, RunStatus.PENDING, first, null, null, RunConfig.of(wf),
                        run.nodeResults());
                List<JobRecord> jobs = run.jobs().stream()
                        .map(j -> JobRecord.of(j, JobRecord.JobRole.GRAPH, null)).toList();
                WorkflowDispatchResult body = response(ctx, run, record);
                UUID processing = ctx.orderId(); // a draft or submitted order moves to processing (RunWriter)
                DispatchWrite.Idempotency idem = key == null ? null : new DispatchWrite.Idempotency(scope, key, idempotency.stored(body), 200);
                return writer.write(new DispatchWrite(List.of(record), run.jobRows(), jobs, processing,
                        ctx.orderLineId(), idem)).replaceWith(body);
            });
        });
    }

    private PreparedWorkflow prepare(RunPreparer.WorkflowSource source, ContextData ctx, Map<String, Object> overrides) {
        try {
            return preparer.prepare(source, ctx, overrides);
        } catch (InvalidWorkflowConfig e) {
            throw ApiException.invalid(e.firstCode(), e.getMessage(), "/config" + e.firstPath());
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiException.invalid("workflow_preparation_failed", "Workflow runtime preparation failed: "
                    + e.getMessage(), "/config");
        }
    }

    private static WorkflowDispatchResult response(ContextData ctx, GraphRuntime.GraphRun run, RunRecord record) {
        List<WorkflowDispatchResult.DispatchedNode> nodes = record.nodeResults().stream()
                .map(n -> new WorkflowDispatchResult.DispatchedNode(n.nodeName(), n.step(), n.status().wire(), n.output(),
                        n.errorMessage()))
                .toList();
        WorkflowDispatchResult.DispatchedRun runBody = new WorkflowDispatchResult.DispatchedRun(record.id().toString(),
                record.status().wire(), record.executionMode().wire(), record.workflowDefId(),
                ctx.orderLineId() == null ? null : ctx.orderLineId().toString(),
                ctx.cadFileId() == null ? null : ctx.cadFileId().toString(), record.celeryTaskId(), null, nodes);
        return new WorkflowDispatchResult(ctx.contextId(), "graph", run.taskIds().size(), run.taskIds(), runBody);
    }
}
