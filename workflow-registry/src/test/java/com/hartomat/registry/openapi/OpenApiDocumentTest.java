package com.hartomat.registry.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.openapi.ErrorResponses;
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
 * written against it), with the member names the API actually writes, and every operation's error responses. The document needs no token (it is public, like
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

    @Test
    void everyOperationDescribesItsErrorsWithTheApiErrorBody() {
        assertEquals(List.of(), ErrorResponses.problems(document));
        JsonNode listOutputTypes = document.at("/paths/~1api~1output-types/get");
        assertEquals("", ErrorResponses.errorSchema(listOutputTypes, "404"), "no id in the path");
        assertEquals("", ErrorResponses.errorSchema(listOutputTypes, "400"), "no input");
        JsonNode validate = document.at("/paths/~1api~1workflows~1validate/post");
        for (String status : List.of("400", "413", "415", "422")) {
            assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(validate, status), status);
        }
        assertTrue(validate.at("/responses/403/description").asText().contains("author"));
    }

    @Test
    void conflictsNameTheirCodes() {
        JsonNode deleteMaterial = document.at("/paths/~1api~1materials~1{id}/delete");
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(deleteMaterial, "409"));
        assertTrue(deleteMaterial.at("/responses/409/description").asText().startsWith("material_in_use"));
        assertTrue(deleteMaterial.at("/responses/403/description").asText().contains("admin"));
        JsonNode updateMaterial = document.at("/paths/~1api~1materials~1{id}/put");
        assertTrue(updateMaterial.at("/responses/409/description").asText().contains("material_in_use"));
        assertEquals("#/components/schemas/Material", updateMaterial.at("/responses/200/content/application~1json/schema/$ref")
                .asText(), "the success response is still generated next to the declared 409");
        assertTrue(document.at("/paths/~1api~1output-types/post/responses/409/description").asText().contains("name_taken"));
        assertTrue(document.at("/paths/~1api~1workflows~1{id}/delete/responses/409/description").asText()
                .contains("workflow_in_use"));
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
