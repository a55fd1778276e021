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
                  "Page": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}
                }}""";
        return JSON.readTree("{\"paths\": {" + paths + "}, " + components + "}");
    }

    private static String ok(String schema) {
        return "{\"200\": {\"content\": {\"application/json\": {\"schema\": " + schema + "}}}}";
    }

    @Test
    void describedBodiesHaveNoGaps() throws Exception {
        JsonNode doc = document("""
                "/things": {
                  "get": {"responses": %s},
                  "post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                           "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}
                },
                "/things/{id}": {
                  "get": {"responses": %s},
                  "delete": {"responses": {"204": {"description": "deleted"}}}
                },
                "/things/{id}/content": {"get": {"responses": {"200": {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}}}}},
                "/things/events": {"get": {"responses": {"200": {"content": {"text/event-stream": {"schema": {"type": "string"}}}}}}},
                "/things/by-name": {"get": {"responses": %s}}
                """.formatted(ok("{\"$ref\": \"#/components/schemas/Page\"}"), ok("{\"$ref\": \"#/components/schemas/Thing\"}"),
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
                "/a": {"post": {"requestBody": {"content": {"application/json": {}}}, "responses": {"200": {"description": "OK"}}}},
                "/b": {"put": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                               "responses": {"204": {"description": "done"}}}},
                "/c": {"get": {"responses": {"404": {"description": "missing"}}}}
                """);
        assertEquals(List.of(
                "POST /a: request body application/json has no schema",
                "POST /a: response 200 has no content (an empty success answer must be 204)",
                "PUT /b: request body application/json is a free-form object",
                "GET /c: no successful response documented"),
                OpenApiCompleteness.gaps(doc));
    }
}
