package com.hartomat.workflow.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * Checks one node's params against its step's settings schema. The JSON Schema (validated by everit) is the
 * authority and the source of error messages; a compiled check of the same, deliberately small keyword set answers
 * the common "all fine" case without converting trees, which keeps validation of large graphs linear and cheap.
 * When the fast check is unsure or fails, everit decides.
 */
final class ParamsValidator {

    private final JsonNode schema;
    private final Schema everit;
    private final Map<String, FieldCheck> fields = new HashMap<>();

    ParamsValidator(JsonNode schema) {
        this.schema = schema;
        this.everit = SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(schema.toString())).build().load().build();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), FieldCheck.compile(e.getValue()));
        }
    }

    boolean knows(String param) {
        return fields.containsKey(param);
    }

    /** Adds unknown_param and invalid_params errors for {@code params} (an object) found at {@code path}. */
    void check(ObjectNode params, String path, List<ValidationError> errors) {
        boolean suspicious = false;
        List<String> unknown = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldCheck check = fields.get(e.getKey());
            if (check == null) {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(e.getKey());
            } else if (!check.accepts(e.getValue())) {
                suspicious = true;
            }
        }
        if (unknown != null) {
            for (String key : unknown) {
                errors.add(ValidationError.of(ErrorCode.UNKNOWN_PARAM,
                        "unknown param '" + key + "'; allowed params: " + allowed(),
                        path + "/" + escape(key)));
            }
        }
        if (suspicious) {
            ObjectNode known = params.deepCopy();
            if (unknown != null) {
                known.remove(unknown);
            }
            schemaErrors(known, path, errors);
        }
    }

    private String allowed() {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private void schemaErrors(ObjectNode params, String path, List<ValidationError> errors) {
        try {
            everit.validate(new JSONObject(JsonValues.MAPPER.writeValueAsString(params)));
        } catch (ValidationException ex) {
            leaves(ex, path, errors);
        } catch (JsonProcessingException ex) {
            errors.add(ValidationError.of(ErrorCode.INVALID_PARAMS, "params are not serialisable: " + ex.getOriginalMessage(), path));
        }
    }

    private static void leaves(ValidationException ex, String path, List<ValidationError> errors) {
        if (ex.getCausingExceptions().isEmpty()) {
            String pointer = ex.getPointerToViolation();
            String sub = pointer == null || pointer.equals("#") ? "" : pointer.substring(1);
            errors.add(ValidationError.of(ErrorCode.INVALID_PARAMS, ex.getMessage(), path + sub));
            return;
        }
        for (ValidationException cause : ex.getCausingExceptions()) {
            leaves(cause, path, errors);
        }
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The compiled subset of a property schema that the catalogue uses. */
    private record FieldCheck(String type, Double minimum, Double maximum, boolean exclusiveMinimumZero, Set<String> allowed,
            Integer minLength, Integer maxLength, Pattern pattern, Integer maxItems, boolean uniqueItems, FieldCheck items) {

        static FieldCheck compile(JsonNode p) {
            Set<String> allowed = null;
            if (p.has("enum")) {
                allowed = new HashSet<>();
                for (JsonNode v : p.get("enum")) {
                    allowed.add(v.asText());
                }
            }
            return new FieldCheck(p.path("type").asText(),
                    p.has("minimum") ? p.get("minimum").doubleValue() : null,
                    p.has("maximum") ? p.get("maximum").doubleValue() : null,
                    p.has("exclusiveMinimum"),
                    allowed,
                    p.has("minLength") ? p.get("minLength").intValue() : null,
                    p.has("maxLength") ? p.get("maxLength").intValue() : null,
                    p.has("pattern") ? Pattern.compile(p.get("pattern").asText()) : null,
                    p.has("maxItems") ? p.get("maxItems").intValue() : null,
                    p.path("uniqueItems").asBoolean(false),
                    p.has("items") ? compile(p.get("items")) : null);
        }

        /** True only when the value certainly satisfies the property schema. */
        boolean accepts(JsonNode v) {
            switch (type) {
                case "integer":
                    return v.isIntegralNumber() && v.canConvertToLong() && inRange(v.doubleValue());
                case "number":
                    return v.isNumber() && inRange(v.doubleValue());
                case "boolean":
                    return v.isBoolean();
                case "string": {
                    if (!v.isTextual()) {
                        return false;
                    }
                    String s = v.textValue();
                    int cp = s.codePointCount(0, s.length());
                    return (allowed == null || allowed.contains(s))
                            && (minLength == null || cp >= minLength)
                            && (maxLength == null || cp <= maxLength)
                            && (pattern == null || pattern.matcher(s).find());
                }
                case "array": {
                    if (!v.isArray() || (maxItems != null && v.size() > maxItems)) {
                        return false;
                    }
                    Set<JsonNode> seen = uniqueItems ? new HashSet<>() : null;
                    for (JsonNode item : v) {
                        if (items != null && !items.accepts(item)) {
                            return false;
                        }
                        if (seen != null && !seen.add(item)) {
                            return false;
                        }
                    }
                    return true;
                }
                default:
                    return false;
            }
        }

        private boolean inRange(double d) {
            return (minimum == null || d >= minimum) && (maximum == null || d <= maximum) && (!exclusiveMinimumZero || d > 0);
        }
    }
}
