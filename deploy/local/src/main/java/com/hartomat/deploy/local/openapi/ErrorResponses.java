package com.hartomat.deploy.local.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service's OpenAPI document must say about errors, for each service's {@code OpenApiDocumentTest}: the
 * {@code ApiError} schema with the members the API writes (snake_case), and on every operation under {@code /api} the
 * 401, 500 and 503 every such operation can answer, plus 404 where the path names an id, each with the
 * {@code ApiError} body.
 */
public final class ErrorResponses {

    public static final String API_ERROR_REF = "#/components/schemas/ApiError";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private ErrorResponses() {
    }

    /** One line per problem; empty when the document describes the errors. */
    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        expectMembers(schemas, "ApiError", Set.of("code", "message", "path", "detail", "errors", "error_id"), problems);
        expectMembers(schemas, "FieldError", Set.of("code", "message", "path"), problems);
        if (!"#/components/schemas/FieldError".equals(schemas.at("/ApiError/properties/errors/items/$ref").asText())) {
            problems.add("ApiError.errors is not an array of FieldError");
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                List<String> expected = new ArrayList<>(List.of("401", "500", "503"));
                if (path.getKey().contains("{")) {
                    expected.add("404");
                }
                for (String status : expected) {
                    if (!API_ERROR_REF.equals(errorSchema(op, status))) {
                        problems.add(name + ": no " + status + " response with the ApiError body");
                    }
                }
            }
        }
        return problems;
    }

    /** The {@code $ref} of an operation's response body for a status, or "" when it has none. */
    public static String errorSchema(JsonNode operation, String status) {
        return operation.path("responses").path(status).path("content").path("application/json").path("schema")
                .path("$ref").asText("");
    }

    private static void expectMembers(JsonNode schemas, String name, Set<String> members, List<String> problems) {
        Set<String> found = new TreeSet<>();
        schemas.path(name).path("properties").fieldNames().forEachRemaining(found::add);
        if (!found.equals(new TreeSet<>(members))) {
            problems.add("schema " + name + " has the members " + found + ", expected " + new TreeSet<>(members));
        }
    }
}
