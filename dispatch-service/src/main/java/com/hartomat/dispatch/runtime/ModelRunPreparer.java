package com.hartomat.dispatch.runtime;

import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.Executor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production {@link RunPreparer}: the registry model's canonicalizer and validator, then output-type render
 * settings override the params of render-job nodes whose settings know the key (e.g. width, height, samples).
 */
@ApplicationScoped
public class ModelRunPreparer implements RunPreparer {

    private final WorkflowPlanner planner;

    public ModelRunPreparer(WorkflowPlanner planner) {
        this.planner = planner;
    }

    @Override
    public PreparedWorkflow prepare(WorkflowSource source, ContextData context, Map<String, Object> renderOverrides) {
        WorkflowPlanner.Plan plan = source.definitionId() == null ? planner.plan(source.config().get())
                : planner.plan(source.definitionId(), source.version(), source.config());
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        for (AnalyzedNode node : plan.analysis().nodes()) {
            if (renderOverrides == null || renderOverrides.isEmpty() || node.definition().executor() != Executor.ASYNC) {
                continue;
            }
            Map<String, Object> merged = new LinkedHashMap<>(node.params());
            renderOverrides.forEach((key, value) -> {
                if (merged.containsKey(key) && value != null) {
                    merged.put(key, value);
                }
            });
            params.put(node.id(), merged);
        }
        return new PreparedWorkflow(source.definitionId(), plan, params);
    }
}
