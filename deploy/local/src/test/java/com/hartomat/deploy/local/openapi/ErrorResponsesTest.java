package com.hartomat.deploy.local.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private static final String SCHEMAS = """
            "components": {"schemas": {
              "ApiError": {"type": "object", "properties": {"code": {}, "message": {}, "path": {}, "detail": {},
                "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}}, "error_id": {}}},
              "FieldError": {"type": "object", "properties": {"code": {}, "message": {}, "path": {}}}
            }}""";

    private static String error(String status) {
        return "\"" + status + "\": {\"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/ApiError\"}}}}";
    }

    @Test
    void operationsUnderApiNeedTheSharedErrorsAnd404WhenThePathNamesAnId() throws Exception {
        JsonNode doc = new ObjectMapper().readTree("""
                {"paths": {
                  "/api/things": {"get": {"responses": {%s, %s, %s}}},
                  "/api/things/{id}": {"get": {"responses": {%s, %s, %s}},
                                       "delete": {"responses": {%s, %s, "503": {"description": "no body"}, %s}}},
                  "/elsewhere": {"get": {"responses": {}}}
                }, %s}""".formatted(error("401"), error("500"), error("503"),
                error("401"), error("500"), error("503"),
                error("401"), error("500"), error("404"), SCHEMAS));
        assertEquals(List.of(
                "GET /api/things/{id}: no 404 response with the ApiError body",
                "DELETE /api/things/{id}: no 503 response with the ApiError body"), ErrorResponses.problems(doc));
    }

    @Test
    void theApiErrorSchemaMustHaveTheMembersTheApiWrites() throws Exception {
        JsonNode doc = new ObjectMapper().readTree("""
                {"paths": {}, "components": {"schemas": {
                  "ApiError": {"type": "object", "properties": {"code": {}, "message": {}, "errorId": {}}}}}}""");
        assertEquals(List.of(
                "schema ApiError has the members [code, errorId, message], expected [code, detail, error_id, errors, message, path]",
                "schema FieldError has the members [], expected [code, message, path]",
                "ApiError.errors is not an array of FieldError"), ErrorResponses.problems(doc));
    }
}
