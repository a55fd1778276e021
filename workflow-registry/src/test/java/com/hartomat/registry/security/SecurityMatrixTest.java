package com.hartomat.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.deploy.local.auth.SecurityMatrix;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the registry's OpenAPI document × no token, an expired token, another audience's token, a token
 * signed by an unknown key (401 each) and each role (403 below the rule, through security at or above it). An
 * operation missing from {@link #RULES} fails this test: a new endpoint needs a rule.
 */
@QuarkusTest
class SecurityMatrixTest {

    /** The least role of each operation (admin ⊇ operator ⊇ author ⊇ viewer), or public. */
    static final Map<String, String> RULES = new TreeMap<>();

    static {
        for (String collection : List.of("materials", "render-templates", "output-types")) {
            RULES.put("GET /api/" + collection, "viewer");
            RULES.put("POST /api/" + collection, "author");
            RULES.put("GET /api/" + collection + "/{id}", "viewer");
            RULES.put("PUT /api/" + collection + "/{id}", "author");
            RULES.put("DELETE /api/" + collection + "/{id}", "admin");
        }
        RULES.put("GET /api/workflows", "viewer");
        RULES.put("POST /api/workflows", "author");
        RULES.put("GET /api/workflows/{id}", "viewer");
        RULES.put("GET /api/workflows/{id}/versions", "viewer");
        RULES.put("PUT /api/workflows/{id}", "author");
        RULES.put("DELETE /api/workflows/{id}", "admin");
        RULES.put("POST /api/workflows/validate", "author");
        RULES.put("GET /api/workflows/presets", "viewer");
        RULES.put("GET /api/workflows/blueprints", "viewer");
        RULES.put("GET /api/workflows/node-definitions", "viewer");
        RULES.put("GET /api/workflows/node-definitions/{step}", "viewer");
        // the console's sign-in settings: read before anyone has a token
        RULES.put("GET /workflows/settings", SecurityMatrix.PUBLIC);
    }

    @Test
    void everyOperationAnswersItsRuleForEveryKindOfCaller() {
        assertEquals(List.of(), matrix().verify(RULES));
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentNeedNoToken() {
        assertEquals(List.of(), matrix().verifyManagementOpen());
    }

    private static SecurityMatrix matrix() {
        return new SecurityMatrix("http://localhost:" + RestAssured.port);
    }
}
