package com.hartomat.deploy.local.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.auth.AuthenticatedRequests;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the operations of a service's OpenAPI document whose request body or successful response the document does
 * not describe, so each service's test can insist that {@code /q/openapi} is complete (the console and other clients
 * are written against it).
 *
 * <p>A body is described when its top-level schema says what it holds: an object with properties, an array whose items
 * are described, a map whose values are described, or a scalar. A top-level free-form {@code object} (what
 * {@code Map<String, Object>} or {@code ObjectNode} produce), a missing schema, or a 2xx response with neither content nor
 * status 204 is a gap. So is an operation that describes no error response (every service answers its refusals and
 * faults with the {@code ApiError} body, and a 500 can always happen), and an error response without a body. Members
 * nested inside a described object may be free-form: a node's params or a JSON Schema are open by nature. Streams
 * ({@code text/event-stream}) and files (a {@code string} schema with {@code format: binary}, or an image/video media
 * type) count as described when they have any schema.
 *
 * <p>Hand-written because no maintained library checks an OpenAPI document for this: validators (swagger-parser,
 * openapi4j) check that a document is well formed, and a free-form object is well formed.
 */
public final class OpenApiCompleteness {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");

    private OpenApiCompleteness() {
    }

    /**
     * For a service's {@code @QuarkusTest}: reads the running test application's {@code /q/openapi} and fails (an
     * AssertionError naming every gap) unless it lists operations and describes all their bodies.
     */
    public static JsonNode assertServedDocumentIsComplete() {
        String text = AuthenticatedRequests.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("/q/openapi?format=json is not JSON: " + e.getOriginalMessage());
        }
        if (document.path("paths").isEmpty()) {
            throw new AssertionError("the OpenAPI document lists no operation");
        }
        List<String> gaps = gaps(document);
        if (!gaps.isEmpty()) {
            throw new AssertionError("the OpenAPI document does not describe these bodies:\n  " + String.join("\n  ", gaps));
        }
        return document;
    }

    /** One line per gap, e.g. {@code "GET /api/things/{id}: response 200 application/json is a free-form object"}. */
    public static List<String> gaps(JsonNode document) {
        JsonNode schemas = document.path("components").path("schemas");
        List<String> gaps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                if (BODY_METHODS.contains(method) && op.has("requestBody")) {
                    contentGaps(name + ": request body", op.get("requestBody").path("content"), schemas, gaps);
                }
                responseGaps(name, op.path("responses"), schemas, gaps);
            }
        }
        return gaps;
    }

    private static void responseGaps(String name, JsonNode responses, JsonNode schemas, List<String> gaps) {
        boolean anySuccess = false;
        boolean anyError = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            String status = response.getKey();
            if (status.startsWith("4") || status.startsWith("5")) {
                anyError = true;
                JsonNode content = response.getValue().path("content");
                if (content.isMissingNode() || content.isEmpty()) {
                    gaps.add(name + ": response " + status + " has no content (an error answer has the ApiError body)");
                } else {
                    contentGaps(name + ": response " + status, content, schemas, gaps);
                }
                continue;
            }
            if (!status.startsWith("2")) {
                continue;
            }
            anySuccess = true;
            JsonNode content = response.getValue().path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                if (!status.equals("204") && !status.equals("202")) {
                    gaps.add(name + ": response " + status + " has no content (an empty success answer must be 204)");
                }
                continue;
            }
            contentGaps(name + ": response " + status, content, schemas, gaps);
        }
        if (!anySuccess) {
            gaps.add(name + ": no successful response documented");
        }
        if (!anyError) {
            gaps.add(name + ": no error response described");
        }
    }

    private static void contentGaps(String where, JsonNode content, JsonNode schemas, List<String> gaps) {
        if (content.isMissingNode() || content.isEmpty()) {
            gaps.add(where + " has no content");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            String type = media.getKey();
            JsonNode schema = media.getValue().get("schema");
            if (schema == null || schema.isEmpty()) {
                gaps.add(where + " " + type + " has no schema");
            } else if (streamOrFile(type, schema, schemas)) {
                continue;
            } else {
                String problem = problem(schema, schemas, 0);
                if (problem != null) {
                    gaps.add(where + " " + type + " " + problem);
                }
            }
        }
    }

    private static boolean streamOrFile(String mediaType, JsonNode schema, JsonNode schemas) {
        JsonNode resolved = resolve(schema, schemas);
        return mediaType.startsWith("text/event-stream") || mediaType.startsWith("image/")
                || mediaType.startsWith("video/") || "binary".equals(resolved.path("format").asText(null));
    }

    /** Why a top-level schema does not describe its body, or null when it does. */
    private static String problem(JsonNode schema, JsonNode schemas, int depth) {
        if (depth > 8) {
            return null;
        }
        JsonNode resolved = resolve(schema, schemas);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            JsonNode parts = resolved.get(combinator);
            if (parts != null && parts.isArray() && parts.size() > 0) {
                for (JsonNode part : parts) {
                    if (problem(part, schemas, depth + 1) == null) {
                        return null;
                    }
                }
                return "is a " + combinator + " of free-form schemas";
            }
        }
        String type = resolved.path("type").asText("");
        if (type.isEmpty() && resolved.has("properties")) {
            type = "object";
        }
        switch (type) {
            case "array" -> {
                JsonNode items = resolved.get("items");
                if (items == null || items.isEmpty()) {
                    return "is an array of undescribed items";
                }
                String inner = problem(items, schemas, depth + 1);
                return inner == null ? null : "is an array whose items " + inner.replaceFirst("^is ", "are ");
            }
            case "object" -> {
                if (resolved.path("properties").size() > 0) {
                    return null;
                }
                JsonNode values = resolved.get("additionalProperties");
                if (values != null && values.isObject() && !values.isEmpty()
                        && problem(values, schemas, depth + 1) == null) {
                    return null;
                }
                return "is a free-form object";
            }
            case "string", "integer", "number", "boolean" -> {
                return null;
            }
            default -> {
                return "has no type";
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        for (int i = 0; i < 8 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
