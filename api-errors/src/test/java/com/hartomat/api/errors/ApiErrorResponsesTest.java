package com.hartomat.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ApiErrorResponsesTest {

    private static Operation op(String role) {
        Operation op = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        if (role != null) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("SecurityScheme", List.of(role)));
        }
        return op;
    }

    private static OpenAPI document(String path, Operation op) {
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem(path, OASFactory.createPathItem().GET(op)));
        new ApiErrorResponses().filterOpenAPI(doc);
        return doc;
    }

    private static String ref(APIResponse response) {
        return response.getContent().getMediaType("application/json").getSchema().getRef();
    }

    @Test
    void aViewersReadWithoutInputGetsTheSharedErrorsOnly() {
        Operation op = op("viewer");
        OpenAPI doc = document("/api/things", op);
        assertEquals(List.of("200", "401", "403", "500", "503"), List.copyOf(op.getResponses().getAPIResponses().keySet()));
        for (String status : List.of("401", "403", "500", "503")) {
            assertEquals("#/components/schemas/ApiError", ref(op.getResponses().getAPIResponse(status)), status);
        }
        assertTrue(op.getResponses().getAPIResponse("403").getDescription().contains("none of the roles"));
        assertTrue(op.getResponses().getAPIResponse("401").getHeaders().containsKey("WWW-Authenticate"));
        assertEquals(List.of("code", "message", "path", "detail", "errors", "error_id"),
                List.copyOf(doc.getComponents().getSchemas().get("ApiError").getProperties().keySet()));
        assertEquals("#/components/schemas/FieldError",
                doc.getComponents().getSchemas().get("ApiError").getProperties().get("errors").getItems().getRef());
    }

    @Test
    void anIdInThePathABodyAndANarrowerRoleAddTheirStatuses() {
        Operation op = op("admin").requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType())))
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH));
        document("/api/things/{id}", op);
        assertEquals(List.of("200", "400", "401", "403", "404", "413", "415", "422", "500", "503"),
                List.copyOf(op.getResponses().getAPIResponses().keySet()));
        assertTrue(op.getResponses().getAPIResponse("403").getDescription().contains("admin"));
        assertTrue(op.getResponses().getAPIResponse("400").getDescription().contains("malformed_json"));
    }

    @Test
    void anAnnotationsDescriptionStaysAndGetsTheBodyTheLibrarysDefaultsAreDescribedAnew() {
        Operation op = op("author");
        op.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("name_taken: a thing of this name exists"));
        op.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
        document("/api/things", op);
        assertEquals("name_taken: a thing of this name exists", op.getResponses().getAPIResponse("409").getDescription());
        assertEquals("#/components/schemas/ApiError", ref(op.getResponses().getAPIResponse("409")));
        assertTrue(op.getResponses().getAPIResponse("401").getDescription().startsWith("unauthorized"));
    }

    @Test
    void anOperationWithoutSecurityHasNo401() {
        Operation op = op(null);
        document("/q/something", op);
        assertNull(op.getResponses().getAPIResponse("401"));
        assertEquals("#/components/schemas/ApiError", ref(op.getResponses().getAPIResponse("500")));
    }
}
