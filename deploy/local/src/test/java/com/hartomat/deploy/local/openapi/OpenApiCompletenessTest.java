package com.hartomat.deploy.local.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiCompletenessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String paths) throws Exception {
        String components = """
                "components": {"schemas": {
                  "Thing": {"type": "object", "properties": {"id": {"type": "string"}, "params": {"type": "object"}}},
                  "Loose": {"type": "object"},
                  "ApiError": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
                  "Page": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}
                }}""";
        return JSON.readTree("{\"paths\": {" + paths + "}, " + components + "}");
    }

    /** An error response with the ApiError body, as every operation has. */
    private static final String FAULT = "\"500\": {\"content\": {\"application/json\": {\"schema\": "
            + "{\"$ref\": \"#/components/schemas/ApiError\"}}}}";

    private static String ok(String schema) {
        return "{\"200\": {\"content\": {\"application/json\": {\"schema\": " + schema + "}}}, " + FAULT + "}";
    }

    @Test
    void describedBodiesHaveNoGaps() throws Exception {
        JsonNode doc = document("""
                "/things": {
                  "get": {"responses": %s},
                  "post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                           "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}, %s}}
                },
                "/things/{id}": {
                  "get": {"responses": %s},
                  "delete": {"responses": {"204": {"description": "deleted"}, %s}}
                },
                "/things/{id}/content": {"get": {"responses": {"200": {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}}, %s}}},
                "/things/events": {"get": {"responses": {"200": {"content": {"text/event-stream": {"schema": {"type": "string"}}}}, %s}}},
                "/things/by-name": {"get": {"responses": %s}}
                """.formatted(ok("{\"$ref\": \"#/components/schemas/Page\"}"), FAULT, ok("{\"$ref\": \"#/components/schemas/Thing\"}"),
                FAULT, FAULT, FAULT,
                ok("{\"type\": \"object\", \"additionalProperties\": {\"$ref\": \"#/components/schemas/Thing\"}}")));
        assertEquals(List.of(), OpenApiCompleteness.gaps(doc));
    }

    @Test
    void aFreeFormTopLevelObjectIsAGapButANestedOneIsNot() throws Exception {
        JsonNode doc = document("""
                "/a": {"get": {"responses": %s}},
                "/b": {"get": {"responses": %s}},
                "/c": {"get": {"responses": %s}},
                "/d": {"get": {"responses": %s}}
                """.formatted(ok("{\"$ref\": \"#/components/schemas/Loose\"}"),
                ok("{\"type\": \"object\", \"additionalProperties\": {}}"),
                ok("{\"type\": \"array\", \"items\": {\"type\": \"object\"}}"),
                ok("{\"$ref\": \"#/components/schemas/Thing\"}")));
        assertEquals(List.of(
                "GET /a: response 200 application/json is a free-form object",
                "GET /b: response 200 application/json is a free-form object",
                "GET /c: response 200 application/json is an array whose items are a free-form object"),
                OpenApiCompleteness.gaps(doc));
    }

    @Test
    void aMissingSchemaOrAnEmptySuccessOtherThan204IsAGap() throws Exception {
        JsonNode doc = document("""
                "/a": {"post": {"requestBody": {"content": {"application/json": {}}}, "responses": {"200": {"description": "OK"}, %s}}},
                "/b": {"put": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                               "responses": {"204": {"description": "done"}, %s}}},
                "/c": {"get": {"responses": {"404": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}}}}
                """.formatted(FAULT, FAULT));
        assertEquals(List.of(
                "POST /a: request body application/json has no schema",
                "POST /a: response 200 has no content (an empty success answer must be 204)",
                "PUT /b: request body application/json is a free-form object",
                "GET /c: no successful response documented"),
                OpenApiCompleteness.gaps(doc));
    }

    @Test
    void anOperationWithoutAnErrorResponseOrAnErrorWithoutABodyIsAGap() throws Exception {
        JsonNode doc = document("""
                "/a": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
                "/b": {"delete": {"responses": {"204": {"description": "deleted"}, "404": {"description": "missing"}, %s}}},
                "/c": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                                            "503": {"content": {"application/json": {"schema": {"type": "object"}}}}}}}
                """.formatted(FAULT));
        assertEquals(List.of(
                "GET /a: no error response described",
                "DELETE /b: response 404 has no content (an error answer has the ApiError body)",
                "GET /c: response 503 application/json is a free-form object"),
                OpenApiCompleteness.gaps(doc));
    }
}
