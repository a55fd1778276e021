package com.hartomat.registry.errors;

import com.hartomat.api.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.ValidationError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field, collecting every problem (unknown field, wrong type, missing value)
 * with its JSON pointer, so one 400 names them all. Absent fields read as null; callers apply defaults.
 */
public final class RequestReader {

    private final ObjectNode body;
    private final List<ValidationError> errors = new ArrayList<>();

    private RequestReader(ObjectNode body) {
        this.body = body;
    }

    /** A body that must be a JSON object with only the given fields. */
    public static RequestReader of(JsonNode body, Set<String> allowedFields) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("missing_body", "a JSON object body is required", "");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_type", "the body must be a JSON object", "");
        }
        RequestReader reader = new RequestReader((ObjectNode) body);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowedFields.contains(field)) {
                reader.error("unknown_field", "unknown field '" + field + "'; allowed: " + allowedFields.stream().sorted().toList(),
                        "/" + field);
            }
        }
        return reader;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public void error(String code, String message, String path) {
        errors.add(new ValidationError(code, message, path));
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error("missing_field", field + " is required", "/" + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            error("invalid_type", field + " must be a string", "/" + field);
            return null;
        }
        String s = v.textValue().strip();
        if (s.isEmpty() || s.length() > maxLength) {
            error("invalid_value", field + " must be 1 to " + maxLength + " characters", "/" + field);
            return null;
        }
        return s;
    }

    public String matching(String field, boolean required, Pattern pattern, String what) {
        String s = text(field, required, 500);
        if (s != null && !pattern.matcher(s).matches()) {
            error("invalid_value", field + " must be " + what, "/" + field);
            return null;
        }
        return s;
    }

    public String choice(String field, boolean required, List<String> allowed) {
        String s = text(field, required, 200);
        if (s != null && !allowed.contains(s)) {
            error("invalid_value", field + " must be one of " + allowed, "/" + field);
            return null;
        }
        return s;
    }

    public Boolean bool(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            error("invalid_type", field + " must be true or false", "/" + field);
            return null;
        }
        return v.booleanValue();
    }

    public UUID uuid(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            try {
                return UUID.fromString(v.textValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        error("invalid_type", field + " must be a UUID string", "/" + field);
        return null;
    }

    /** True when the field is present with an explicit null (clearing an optional reference). */
    public boolean explicitNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    public ObjectNode object(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error("missing_field", field + " is required", "/" + field);
            }
            return null;
        }
        if (!v.isObject()) {
            error("invalid_type", field + " must be an object", "/" + field);
            return null;
        }
        return (ObjectNode) v;
    }

    public List<String> textList(String field, int maxItems, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > maxItems) {
            error("invalid_type", field + " must be an array of at most " + maxItems + " strings", "/" + field);
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                error("invalid_type", field + "[" + i + "] must be a non-blank string of at most " + maxLength + " characters",
                        "/" + field + "/" + i);
            } else if (out.contains(item.textValue().strip())) {
                error("invalid_value", field + "[" + i + "] repeats '" + item.textValue() + "'", "/" + field + "/" + i);
            } else {
                out.add(item.textValue().strip());
            }
        }
        return out;
    }

    /** Throws 400 with every collected error (the first one's code at the top) if there were any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            ValidationError first = errors.get(0);
            throw new ApiException(400, first.code(), errors.size() == 1 ? first.message()
                    : first.message() + " (and " + (errors.size() - 1) + " more)", first.path(), FieldErrors.of(errors));
        }
    }
}
