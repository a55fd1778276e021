package com.hartomat.dispatch.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a workflow config into a runnable plan for one context: canonicalize, validate, and apply the output type's
 * render settings over node params.
 *
 * <p>A seam on purpose: the reference suite forces "preparation throws" with a monkeypatch. Here the production bean
 * is {@link ModelRunPreparer}; tests swap in a CDI alternative that throws for chosen workflow definitions, while the
 * database and Kafka stay real. Production never has another implementation.
 */
public interface RunPreparer {

    /** A config to prepare; {@code definitionId} is null for unsaved drafts (which are never cached). */
    record WorkflowSource(String definitionId, long version, Supplier<JsonNode> config) {
    }

    PreparedWorkflow prepare(WorkflowSource source, ContextData context, Map<String, Object> renderOverrides);
}
