package com.hartomat.registry.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.openapi.OpenApiCompleteness;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's {@code /q/openapi} describes every request and response body (the console and generated clients are
 * written against it), with the member names the API actually writes. The document needs no token (it is public, like
 * health), hence RestAssured's own {@code given()}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private JsonNode document;

    @BeforeEach
    void read() throws Exception {
        String text = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(text);
        // kept as test output: the document a client generator would read
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), text);
    }

    @Test
    void everyOperationDescribesItsRequestAndResponseBodies() {
        assertEquals(List.of(), OpenApiCompleteness.gaps(document));
    }

    @Test
    void typedBodiesUseTheSnakeCaseMemberNamesTheApiWrites() {
        assertEquals(Set.of("id", "name", "workflow_family", "artifact_kind", "workflow_definition_id", "render_settings",
                "invocation_overrides", "render_backend", "default_material", "version", "created_at", "updated_at"),
                properties("OutputType"));
        assertEquals(Set.of("id", "name", "version", "latest_version", "is_active", "output_type_id", "config", "family",
                "context_kind", "terminal_artifact_kinds", "execution_mode", "created_at", "updated_at", "updated_by"),
                properties("Workflow"));
        assertTrue(properties("NodeDefinition").containsAll(Set.of("module_key", "executor", "field_groups", "settings_schema",
                "retry_policy", "input_contract")), properties("NodeDefinition").toString());
        assertEquals(Set.of("version", "ui", "nodes", "edges"), properties("WorkflowConfig"));
        assertEquals(Set.of("id", "step", "params", "position"), properties("WorkflowNode"));
        assertEquals(Set.of("code", "message", "path"), properties("WorkflowValidationIssue"));
    }

    @Test
    void readOnlyMembersAreMarkedAndPutTakesTheTypedRequest() {
        JsonNode outputType = schema("OutputType").path("properties");
        for (String member : List.of("id", "version", "created_at", "updated_at")) {
            assertTrue(outputType.path(member).path("readOnly").asBoolean(), member + " is not marked read-only");
        }
        assertEquals("#/components/schemas/OutputTypeRequest", document.at("/paths/~1api~1output-types~1{id}/put/requestBody"
                + "/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Workflow", document.at("/paths/~1api~1workflows/post/responses/201"
                + "/content/application~1json/schema/$ref").asText());
    }

    private Set<String> properties(String schema) {
        List<String> names = new ArrayList<>();
        schema(schema).path("properties").fieldNames().forEachRemaining(names::add);
        return new TreeSet<>(names);
    }

    private JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertTrue(schema.isObject(), "no schema " + name + " in " + document.path("components").path("schemas").fieldNames());
        return schema;
    }
}
