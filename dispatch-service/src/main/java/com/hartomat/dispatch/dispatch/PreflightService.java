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

    public Uni<Map<String, Object>> saved(String workflowId, UUID contextId) {
        return readModel.workflowDefinition(workflowId)
                .map(found -> found.orElseThrow(() -> ApiException.noSuch("workflow_definition", workflowId)))
                .flatMap(wf -> preflight(workflowId, wf.tree("config"), contextId));
    }

    public Uni<Map<String, Object>> preflight(String workflowId, JsonNode config, UUID contextId) {
        WorkflowPlanner.Plan plan;
        try {
            plan = planner.plan(config);
        } catch (InvalidWorkflowConfig e) {
            throw ApiException.invalid(e.firstCode(), e.getMessage(), "/config" + e.firstPath());
        }
        return contexts.resolve(contextId).flatMap(ctx -> contexts.library(plan, ctx)
                .map(library -> report(workflowId, plan, ctx, library)));
    }

    private Map<String, Object> report(String workflowId, WorkflowPlanner.Plan plan, ContextData ctx,
            NodeScope.Library library) {
        String expected = plan.analysis().contextKind();
        boolean mismatch = expected != null && !expected.equals(ctx.kindWire());
        List<String> unsupported = UnsupportedNodes.of(plan);
        Map<String, AnalyzedNode> byId = plan.analysis().nodesById();
        List<Map<String, Object>> issues = new ArrayList<>();
        if (mismatch) {
            issues.add(issue(null, NodeIssue.error("context_kind_mismatch", "The workflow runs on a " + expected
                    + " context, but " + ctx.contextId() + " is a " + ctx.kindWire() + ".")));
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
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
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("node_id", node.id());
            n.put("step", node.step());
            n.put("executor", node.definition().executor().wire());
            n.put("status", error ? "error" : found.isEmpty() ? "ready" : "warning");
            List<Map<String, Object>> nodeIssues = new ArrayList<>();
            for (NodeIssue i : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", i.code());
                m.put("message", i.message());
                nodeIssues.add(m);
                if (!mismatch) {
                    issues.add(issue(node.id(), i));
                }
            }
            n.put("issues", nodeIssues);
            nodes.add(n);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflow_id", workflowId);
        body.put("context_id", ctx.contextId());
        body.put("context_kind", ctx.kindWire());
        body.put("expected_context_kind", expected);
        body.put("execution_mode", plan.analysis().executionMode());
        body.put("graph_dispatch_allowed", !blocked);
        body.put("resolved_order_line_id", ctx.orderLineId() == null ? null : ctx.orderLineId().toString());
        body.put("resolved_cad_file_id", ctx.cadFileId() == null ? null : ctx.cadFileId().toString());
        body.put("unsupported_node_ids", unsupported);
        body.put("issues", issues);
        body.put("nodes", nodes);
        return body;
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

    private static Map<String, Object> issue(String nodeId, NodeIssue i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node_id", nodeId);
        m.put("code", i.code());
        m.put("message", i.message());
        m.put("severity", i.error() ? "error" : "warning");
        return m;
    }

}
