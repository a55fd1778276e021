package com.hartomat.dispatch.runtime;

import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.Executor;
import com.hartomat.dispatch.runtime.nodes.InProcessNodes;
import java.util.List;

/** Nodes the graph runtime cannot run: disabled steps, and sync steps dispatch has no implementation for. */
public final class UnsupportedNodes {

    private UnsupportedNodes() {
    }

    public static List<String> of(WorkflowPlanner.Plan plan) {
        return plan.analysis().orderedNodes().stream().filter(UnsupportedNodes::unsupported).map(AnalyzedNode::id).toList();
    }

    public static boolean unsupported(AnalyzedNode node) {
        Executor executor = node.definition().executor();
        return executor == Executor.DISABLED || (executor == Executor.SYNC && !InProcessNodes.implemented(node.step()));
    }
}
