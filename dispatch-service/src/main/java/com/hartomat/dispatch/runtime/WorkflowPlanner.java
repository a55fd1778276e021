package com.hartomat.dispatch.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationResult;
import com.hartomat.workflow.model.WorkflowCanonicalizer;
import com.hartomat.workflow.model.WorkflowValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonicalizes and validates workflow configs with the registry's model (the one source of step contracts). Plans of
 * stored definitions are cached per (id, version), so the hot path validates a definition once.
 */
@ApplicationScoped
public class WorkflowPlanner {

    private final NodeCatalog catalog = NodeCatalog.standard();
    private final WorkflowValidator validator = new WorkflowValidator(catalog);
    private final ConcurrentHashMap<String, Plan> cache = new ConcurrentHashMap<>();

    /** A canonical config and what validation derived from it. */
    public record Plan(JsonNode canonical, GraphAnalysis analysis) {
    }

    public NodeCatalog catalog() {
        return catalog;
    }

    /** The plan of a config; throws {@link InvalidWorkflowConfig} when the validator reports errors. */
    public Plan plan(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new InvalidWorkflowConfig(java.util.List.of(com.hartomat.workflow.model.ValidationError.of(
                    com.hartomat.workflow.model.ErrorCode.NOT_AN_OBJECT, "a workflow config must be a JSON object", "")));
        }
        JsonNode canonical = WorkflowCanonicalizer.canonicalize(config);
        ValidationResult result = validator.validate(canonical);
        if (!result.valid() || result.analysis() == null) {
            throw new InvalidWorkflowConfig(result.errors());
        }
        return new Plan(canonical, result.analysis());
    }

    /** The plan of a stored definition version, computed once. */
    public Plan plan(String definitionId, long version, java.util.function.Supplier<JsonNode> config) {
        String key = definitionId + "@" + version;
        Plan cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Plan plan = plan(config.get());
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, plan);
        return plan;
    }

    /** Validation without throwing: for preflight, which reports rather than refuses. */
    public ValidationResult validate(JsonNode config) {
        return validator.validate(WorkflowCanonicalizer.canonicalize(config));
    }
}
