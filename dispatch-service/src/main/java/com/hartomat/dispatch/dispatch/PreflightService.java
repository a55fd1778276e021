package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.dispatch.context.StepStorage;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ContextLoader;
import com.hartomat.dispatch.runtime.InvalidWorkflowConfig;
import com.hartomat.dispatch.runtime.UnsupportedNodes;
import com.hartomat.dispatch.runtime.WorkflowPlanner;
import com.hartomat.dispatch.runtime.nodes.InProcessNode;
import com.hartomat.dispatch.runtime.nodes.InProcessNodes;
import com.hartomat.dispatch.runtime.nodes.NodeIssue;
import com.hartomat.dispatch.runtime.nodes.NodeScope;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.ContractKey;
import com.hartomat.workflow.model.Executor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Preflight: can this workflow run as a graph against this context, and what would each node run into? Nodes are
 * reported in topological order with status ready / warning / error and their issues.
 */
@ApplicationScoped
public class PreflightService {

    private final ContextLoader contexts;
    private final RegistryReadModel readModel;
    private final WorkflowPlanner planner;
    private final StepStorage storage;

    public PreflightService(ContextLoader contexts, RegistryReadModel readModel, WorkflowPlanner planner,
            StepStorage storage) {
        this.contexts = contexts;
        this.readModel = readModel;
        this.planner = planner;
        this.storage = storage;
    }

    public Uni<PreflightReport> saved(String workflowId, UUID contextId) {
        return readModel.workflowDefinition(workflowId)
                .map(found -> found.orElseThrow(() -> ApiException.noSuch("workflow_definition", workflowId)))
                .flatMap(wf -> preflight(workflowId, wf.tree("config"), contextId));
    }

    public Uni<PreflightReport> preflight(String workflowId, JsonNode config, UUID contextId) {
        WorkflowPlanner.Plan plan;
        try {
            plan = planner.plan(config);
        } catch (InvalidWorkflowConfig e) {
            throw ApiException.invalid(e.firstCode(), e.getMessage(), "/config" + e.firstPath());
        }
        return contexts.resolve(contextId).flatMap(ctx -> contexts.library(plan, ctx)
                .map(library -> report(workflowId, plan, ctx, library)));
    }

    private PreflightReport report(String workflowId, WorkflowPlanner.Plan plan, ContextData ctx,
            NodeScope.Library library) {
        String expected = plan.analysis().contextKind();
        boolean mismatch = expected != null && !expected.equals(ctx.kindWire());
        List<String> unsupported = UnsupportedNodes.of(plan);
        Map<String, AnalyzedNode> byId = plan.analysis().nodesById();
        List<PreflightReport.Issue> issues = new ArrayList<>();
        if (mismatch) {
            issues.add(issue(null, NodeIssue.error("context_kind_mismatch", "The workflow runs on a " + expected
                    + " context, but " + ctx.contextId() + " is a " + ctx.kindWire() + ".")));
        }
        List<PreflightReport.Node> nodes = new ArrayList<>();
        boolean blocked = mismatch || !unsupported.isEmpty();
        for (AnalyzedNode node : plan.analysis().orderedNodes()) {
            List<NodeIssue> found = new ArrayList<>();
            if (mismatch) {
                found.add(NodeIssue.error("context_kind_mismatch", "Node " + node.id() + " needs a " + expected
                        + " context."));
            } else {
                found.addAll(checks(node, ctx, new NodeScope(ctx, node, byId, Map.of(), library)));
            }
            if (unsupported.contains(node.id())) {
                String reason = node.definition().disabledReason();
                found.add(NodeIssue.error("unsupported_node", reason != null ? reason
                        : "The graph runtime cannot execute step " + node.step() + "."));
            }
            boolean error = found.stream().anyMatch(NodeIssue::error);
            blocked |= error;
            List<PreflightReport.NodeIssue> nodeIssues = new ArrayList<>();
            for (NodeIssue i : found) {
                nodeIssues.add(new PreflightReport.NodeIssue(i.code(), i.message()));
                if (!mismatch) {
                    issues.add(issue(node.id(), i));
                }
            }
            nodes.add(new PreflightReport.Node(node.id(), node.step(), node.definition().executor().wire(),
                    error ? "error" : found.isEmpty() ? "ready" : "warning", nodeIssues));
        }
        return new PreflightReport(workflowId, ctx.contextId(), ctx.kindWire(), expected,
                plan.analysis().executionMode(), !blocked,
                ctx.orderLineId() == null ? null : ctx.orderLineId().toString(),
                ctx.cadFileId() == null ? null : ctx.cadFileId().toString(), unsupported, issues, nodes);
    }

    /** A node's issues: its own checks (in-process steps) and, for every step reading the STEP file, that it exists. */
    private List<NodeIssue> checks(AnalyzedNode node, ContextData ctx, NodeScope scope) {
        List<NodeIssue> found = new ArrayList<>();
        if (node.definition().executor() == Executor.SYNC) {
            InProcessNodes.node(node.step()).map(n -> n.check(scope)).ifPresent(found::addAll);
        }
        boolean readsStep = node.definition().inputContract().stream().map(ContractKey::name).anyMatch("step_path"::equals)
                || node.definition().outputContract().stream().map(ContractKey::name).anyMatch("step_path"::equals);
        if (readsStep && found.stream().noneMatch(i -> i.code().equals("cad_file_missing"))) {
            if (ctx.stepPath() == null) {
                found.add(NodeIssue.error("step_file_missing", "The context has no stored STEP file."));
            } else if (!storage.exists(ctx.stepPath())) {
                found.add(NodeIssue.error("step_file_missing", "STEP file " + ctx.stepPath()
                        + " is missing from artifact storage."));
            }
        }
        return found;
    }

    private static PreflightReport.Issue issue(String nodeId, NodeIssue i) {
        return new PreflightReport.Issue(nodeId, i.code(), i.message(), i.error() ? "error" : "warning");
    }

}
