package com.hartomat.dispatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.FieldError;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.runtime.WorkflowPlanner;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params a retried node runs with: its effective params of the run, with the request's params laid over them
 * (a key set to null goes back to the step's default). They are checked by the same validator that checked the
 * workflow at dispatch (the registry's node contracts in {@code workflow-model}), on the run's own plan with the node's
 * params replaced; an error in them is refused with 422, its code, and its path under {@code /params}.
 */
final class RetryParams {

    private final WorkflowPlanner planner;

    RetryParams(WorkflowPlanner planner) {
        this.planner = planner;
    }

    Map<String, Object> apply(WorkflowPlanner.Plan plan, String nodeId, Map<String, Object> current,
            Map<String, Object> edits) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        if (edits != null) {
            edits.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        ObjectNode config = plan.canonical().deepCopy();
        JsonNode nodes = config.path("nodes");
        int index = -1;
        for (int i = 0; nodes instanceof ArrayNode && i < nodes.size(); i++) {
            if (nodeId.equals(nodes.get(i).path("id").asText(null))) {
                index = i;
                ((ObjectNode) nodes.get(i)).set("params", JsonValues.MAPPER.valueToTree(merged));
            }
        }
        ValidationResult result = planner.validate(config);
        if (result.valid()) {
            return merged;
        }
        String prefix = "/nodes/" + index + "/params";
        List<FieldError> errors = result.errors().stream()
                .map(e -> new FieldError(e.code(), e.message(), e.path().startsWith(prefix)
                        ? "/params" + e.path().substring(prefix.length()) : "/params"))
                .toList();
        ValidationError first = result.errors().get(0);
        throw new ApiException(422, first.code(), "params of node '" + nodeId + "' are invalid: " + first.message(),
                errors.get(0).path(), errors);
    }
}
