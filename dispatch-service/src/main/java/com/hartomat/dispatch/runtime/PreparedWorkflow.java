package com.hartomat.dispatch.runtime;

import com.hartomat.workflow.model.AnalyzedNode;
import java.util.Map;

/** A validated plan plus each node's effective params (defaults, config, then output-type render settings). */
public record PreparedWorkflow(String definitionId, WorkflowPlanner.Plan plan, Map<String, Map<String, Object>> params) {

    public Map<String, Object> params(AnalyzedNode node) {
        return params.getOrDefault(node.id(), node.params());
    }

    public String executionMode() {
        String mode = plan.analysis().executionMode();
        return mode == null ? "legacy" : mode;
    }
}
