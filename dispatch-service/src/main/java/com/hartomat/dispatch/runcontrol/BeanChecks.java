package com.hartomat.dispatch.runcontrol;

import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Bean Validation of a request body, refused the suite's way: 422 {@code invalid_request} with the JSON path of each
 * violation (snake_case, as the body is written). Called explicitly rather than through {@code @Valid}, whose default
 * mapping answers in Hibernate Validator's own shape.
 */
@ApplicationScoped
public class BeanChecks {

    private final Validator validator;

    public BeanChecks(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(T body, String what) {
        if (body == null) {
            throw ApiException.invalid("body_required", what + " needs a JSON body", "");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (violations.isEmpty()) {
            return body;
        }
        List<FieldError> errors = violations.stream()
                .map(v -> new FieldError("invalid_request", v.getMessage(), pointer(v.getPropertyPath())))
                .sorted(Comparator.comparing(FieldError::path)).toList();
        throw ApiException.unprocessable("invalid_request", errors.get(0).message(), errors);
    }

    static String pointer(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() != null) {
                out.append('/').append(snake(node.getName()));
            }
        }
        return out.toString();
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
