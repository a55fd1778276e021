package com.hartomat.dispatch.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.dispatch.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run needs to continue after its render jobs: the canonical config it was dispatched with and each node's
 * effective params (defaults, config, output-type render settings). Stored on the run ({@code workflow_runs.config}),
 * so a continuation queues exactly what the dispatch planned, even if the definition changed since.
 */
public final class RunConfig {

    private static final ConcurrentHashMap<String, WorkflowPlanner.Plan> PLANS = new ConcurrentHashMap<>();

    private RunConfig() {
    }

    /** The same plan (the planner caches one per definition version) with the same params: the same text. */
    private record Written(WorkflowPlanner.Plan plan, Map<String, Map<String, Object>> params) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Written w && w.plan == plan && w.params.equals(params);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(plan) * 31 + params.hashCode();
        }
    }

    private static final ConcurrentHashMap<Written, String> WRITTEN = new ConcurrentHashMap<>();

    /** The run config as JSON text; computed once per plan and params, since every dispatch of a definition repeats it. */
    public static String of(PreparedWorkflow wf) {
        Written key = new Written(wf.plan(), wf.params());
        String cached = WRITTEN.get(key);
        if (cached != null) {
            return cached;
        }
        String text = write(wf);
        if (WRITTEN.size() > 1_000) {
            WRITTEN.clear();
        }
        WRITTEN.put(key, text);
        return text;
    }

    private static String write(PreparedWorkflow wf) {
        ObjectNode root = JsonValues.MAPPER.createObjectNode();
        root.put("definition_id", wf.definitionId());
        root.set("canonical", wf.plan().canonical());
        root.set("params", JsonValues.MAPPER.valueToTree(wf.params()));
        return root.toString();
    }

    /** The prepared workflow back from a stored run config; plans are cached by config text (runs share configs). */
    public static PreparedWorkflow read(WorkflowPlanner planner, Object stored) {
        JsonNode root = JsonValues.MAPPER.valueToTree(JsonValues.plain(stored));
        JsonNode canonical = root.path("canonical");
        String key = canonical.toString();
        WorkflowPlanner.Plan plan = PLANS.get(key);
        if (plan == null) {
            plan = planner.plan(canonical);
            if (PLANS.size() > 1_000) {
                PLANS.clear();
            }
            PLANS.put(key, plan);
        }
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        root.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), JsonValues.mapOf(e.getValue())));
        String definitionId = root.path("definition_id").isTextual() ? root.path("definition_id").asText() : null;
        return new PreparedWorkflow(definitionId, plan, params);
    }
}
