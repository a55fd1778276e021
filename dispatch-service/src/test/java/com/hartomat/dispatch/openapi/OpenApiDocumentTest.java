package com.hartomat.dispatch.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.deploy.local.openapi.ErrorResponses;
import com.hartomat.deploy.local.openapi.OpenApiCompleteness;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's {@code /q/openapi} describes every request body, every successful response and the error responses
 * of every operation (deploy/local's {@link OpenApiCompleteness} and {@link ErrorResponses}): clients such as the
 * console are written against it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private JsonNode document;

    @BeforeEach
    void read() throws Exception {
        document = OpenApiCompleteness.assertServedDocumentIsComplete();
        // kept as test output: the document a client generator would read
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), document.toPrettyString());
    }

    @Test
    void everyOperationsBodiesHaveASchema() {
        assertEquals(List.of(), OpenApiCompleteness.gaps(document));
    }

    @Test
    void everyOperationDescribesItsErrorsWithTheApiErrorBody() {
        assertEquals(List.of(), ErrorResponses.problems(document));
        assertEquals("Bearer", document.at("/paths/~1api~1notifications/get/responses/401/headers/WWW-Authenticate"
                + "/description").asText());
    }

    @Test
    void statusesFollowWhatTheOperationTakesAndWhoMayCallIt() {
        JsonNode notifications = operation("/api/notifications", "get");
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(notifications, "400"), "paging parameters");
        assertEquals("", ErrorResponses.errorSchema(notifications, "404"), "no id in the path");
        assertEquals("", ErrorResponses.errorSchema(notifications, "413"), "no body");
        assertTrue(description(notifications, "403").contains("none of the roles"), description(notifications, "403"));
        JsonNode deleteProduct = operation("/api/products/{id}", "delete");
        assertTrue(description(deleteProduct, "403").contains("admin"), description(deleteProduct, "403"));
        JsonNode createOrder = operation("/api/orders", "post");
        for (String status : List.of("400", "413", "415", "422")) {
            assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(createOrder, status), status);
        }
    }

    @Test
    void operationSpecificRefusalsNameTheirCodes() {
        JsonNode cancel = operation("/api/workflows/runs/{id}/cancel", "post");
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(cancel, "409"));
        assertTrue(description(cancel, "409").contains("run_already_terminal"), description(cancel, "409"));
        JsonNode rollout = operation("/api/rollout/output-types/{id}", "put");
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(rollout, "409"));
        assertTrue(description(rollout, "409").contains("shadow_verdict_required"), description(rollout, "409"));
        assertTrue(description(rollout, "403").contains("/force"), description(rollout, "403"));
        JsonNode content = operation("/api/media-assets/{id}/content", "get");
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(content, "416"));
        JsonNode upload = operation("/api/cad-files", "post");
        assertTrue(description(upload, "413").contains("upload_too_large"), description(upload, "413"));
    }

    private JsonNode operation(String path, String method) {
        JsonNode op = document.path("paths").path(path).path(method);
        assertTrue(op.isObject(), "no operation " + method + " " + path);
        return op;
    }

    private static String description(JsonNode operation, String status) {
        return operation.path("responses").path(status).path("description").asText();
    }
}
