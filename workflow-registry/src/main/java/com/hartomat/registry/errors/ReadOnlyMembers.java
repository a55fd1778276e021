package com.hartomat.registry.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.api.errors.ApiException;
import com.hartomat.workflow.model.ValidationError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members a GET body carries that a PUT does not set ({@code id}, {@code version}, {@code created_at}, …), so that a
 * body read with GET can be sent back with PUT: they are taken out of the body before it is read, and once the stored
 * entity is loaded each one sent must equal the stored value (then it is ignored); a differing one is refused with 422
 * {@code read_only_field} at its JSON path. A stale {@code version} or {@code updated_at} is therefore refused too: the
 * body was read before someone else's change.
 */
public final class ReadOnlyMembers {

    public static final String CODE = "read_only_field";

    /** Numbers equal by value ({@code 3} and {@code 3.0}), everything else by JSON equality. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final Map<String, JsonNode> sent;
    private final JsonNode rest;

    private ReadOnlyMembers(Map<String, JsonNode> sent, JsonNode rest) {
        this.sent = sent;
        this.rest = rest;
    }

    /** Splits {@code body} into the read-only members it carries and the rest; a body that is not an object is kept whole. */
    public static ReadOnlyMembers split(JsonNode body, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            return new ReadOnlyMembers(Map.of(), body);
        }
        Map<String, JsonNode> sent = new LinkedHashMap<>();
        ObjectNode rest = ((ObjectNode) body).deepCopy();
        // in the order sent, so the first error (the answer's path) is the first differing member of the body
        body.fieldNames().forEachRemaining(name -> {
            if (readOnly.contains(name)) {
                sent.put(name, body.get(name));
                rest.remove(name);
            }
        });
        return new ReadOnlyMembers(sent, rest);
    }

    /** The body without its read-only members, for the request reader. */
    public JsonNode rest() {
        return rest;
    }

    public boolean sent(String name) {
        return sent.containsKey(name);
    }

    /** One error per read-only member whose value differs from the stored representation's, in the order sent. */
    public List<ValidationError> differences(JsonNode stored, Set<String> only) {
        List<ValidationError> errors = new ArrayList<>();
        sent.forEach((name, value) -> {
            if (!only.contains(name)) {
                return;
            }
            JsonNode current = stored.path(name);
            JsonNode expected = current.isMissingNode() ? NullNode.getInstance() : current;
            if (!value.equals(SAME_VALUE, expected)) {
                errors.add(new ValidationError(CODE, name + " is read-only and cannot be changed (stored: " + expected
                        + ", sent: " + value + "); send the value GET returned, or leave it out", "/" + name));
            }
        });
        return errors;
    }

    /** Throws 422 {@code read_only_field} naming every read-only member that differs from {@code stored}. */
    public void requireUnchanged(JsonNode stored) {
        requireUnchanged(stored, sent.keySet());
    }

    /** As {@link #requireUnchanged(JsonNode)}, for the members named in {@code only}. */
    public void requireUnchanged(JsonNode stored, Set<String> only) {
        List<ValidationError> errors = differences(stored, only);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(CODE, errors.get(0).message() + (errors.size() > 1
                    ? " (and " + (errors.size() - 1) + " more)" : ""), FieldErrors.of(errors));
        }
    }
}
