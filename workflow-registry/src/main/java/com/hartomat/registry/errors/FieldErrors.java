package com.hartomat.registry.errors;

import com.hartomat.api.errors.FieldError;
import com.hartomat.workflow.model.ValidationError;
import java.util.List;

/** The workflow model's validation errors as the shared error body lists them. */
public final class FieldErrors {

    private FieldErrors() {
    }

    public static List<FieldError> of(List<ValidationError> errors) {
        return errors.stream().map(e -> new FieldError(e.code(), e.message(), e.path())).toList();
    }
}
