package com.hartomat.dispatch.runtime;

import com.hartomat.workflow.model.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow config the registry's validator rejects; the message reads {@code Invalid workflow config: …}. */
public class InvalidWorkflowConfig extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidWorkflowConfig(List<ValidationError> errors) {
        super("Invalid workflow config: " + errors.stream().map(ValidationError::message).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    public String firstPath() {
        return errors.isEmpty() ? "" : errors.get(0).path();
    }

    public String firstCode() {
        return errors.isEmpty() ? "invalid_workflow_config" : errors.get(0).code();
    }
}
