package com.hartomat.worker.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        JsonNode self = document.at("/paths/~1api~1render-workers~1self/get");
        // a viewer's read: no input, so no 400
        assertEquals("", ErrorResponses.errorSchema(self, "400"));
        assertEquals(ErrorResponses.API_ERROR_REF, ErrorResponses.errorSchema(self, "403"));
    }
}
