package com.hartomat.comparison.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.deploy.local.openapi.ErrorResponses;
import com.hartomat.deploy.local.openapi.OpenApiCompleteness;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's {@code /q/openapi} describes every request body, every successful response and the error responses
 * of every operation (deploy/local's {@link OpenApiCompleteness} and {@link ErrorResponses}): clients such as the
 * console are written against it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationsBodiesHaveASchema() {
        OpenApiCompleteness.assertServedDocumentIsComplete();
    }

    @Test
    void everyOperationDescribesItsErrorsWithTheApiErrorBody() {
        JsonNode document = OpenApiCompleteness.assertServedDocumentIsComplete();
        assertEquals(List.of(), ErrorResponses.problems(document));
        JsonNode comparison = document.at("/paths/~1api~1workflows~1runs~1{id}~1comparison/get");
        for (String status : List.of("409", "502", "503")) {
            assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(comparison, status), status);
        }
        assertTrue(comparison.at("/responses/409/description").asText().contains("not_a_shadow_run"));
        JsonNode noiseFloor = document.at("/paths/~1api~1comparisons~1noise-floors~1{output_type_id}/put");
        assertTrue(noiseFloor.at("/responses/403/description").asText().contains("operator"),
                noiseFloor.at("/responses/403/description").asText());
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(noiseFloor, "422"));
    }
}
