package com.hartomat.comparison.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.auth.AuthenticatedRequests;
import com.hartomat.deploy.local.openapi.OpenApiCompleteness;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's {@code /q/openapi} describes every request body and every successful response of every operation
 * (deploy/local's {@link OpenApiCompleteness}): clients such as the console are written against it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationsBodiesHaveASchema() throws Exception {
        String text = AuthenticatedRequests.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode document = new ObjectMapper().readTree(text);
        assertTrue(document.path("paths").size() > 0, "the document lists no operation");
        assertEquals(List.of(), OpenApiCompleteness.gaps(document));
    }
}
