package com.hartomat.dispatch.support;

import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ModelRunPreparer;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RunPreparer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only {@link RunPreparer}: the production preparer, except for workflow definitions a test armed to throw
 * (the reference's monkeypatched {@code prepare_workflow_context}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedRunPreparer implements RunPreparer {

    private static final Map<String, String> FAILURES = new ConcurrentHashMap<>();

    private final ModelRunPreparer real;

    public ScriptedRunPreparer(ModelRunPreparer real) {
        this.real = real;
    }

    public static void failFor(String workflowDefinitionId, String message) {
        FAILURES.put(workflowDefinitionId, message);
    }

    @Override
    public PreparedWorkflow prepare(WorkflowSource source, ContextData context, Map<String, Object> renderOverrides) {
        String failure = source.definitionId() == null ? null : FAILURES.get(source.definitionId());
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return real.prepare(source, context, renderOverrides);
    }
}
