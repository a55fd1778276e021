package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a workflow config: every error found, and the graph analysis when the graph's
 * structure (ids, steps, edges, acyclicity) is usable even if params or contracts are wrong.
 */
public record ValidationResult(List<ValidationError> errors, Optional<GraphAnalysis> analysisOpt) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The analysis, or null when the graph is structurally unusable. */
    public GraphAnalysis analysis() {
        return analysisOpt.orElse(null);
    }

    public boolean hasError(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    /** The validate endpoint's body (snake_case). */
    public ObjectNode toJson() {
        ObjectNode body = JsonValues.F.objectNode();
        body.put("valid", valid());
        ArrayNode errs = body.putArray("errors");
        for (ValidationError e : errors) {
            ObjectNode o = errs.addObject();
            o.put("code", e.code());
            o.put("message", e.message());
            o.put("path", e.path());
        }
        GraphAnalysis a = analysis();
        if (a == null) {
            body.putNull("family");
            body.putNull("context_kind");
            body.putArray("terminal_artifact_kinds");
            body.putArray("topological_order");
            body.putNull("execution_mode");
            body.putNull("preset");
        } else {
            body.put("family", a.family() == null ? null : a.family().wire());
            body.put("context_kind", a.contextKind());
            ArrayNode kinds = body.putArray("terminal_artifact_kinds");
            a.terminalArtifactKinds().forEach(kinds::add);
            ArrayNode order = body.putArray("topological_order");
            a.topologicalOrder().forEach(order::add);
            body.put("execution_mode", a.executionMode());
            body.put("preset", a.preset());
        }
        return body;
    }
}
