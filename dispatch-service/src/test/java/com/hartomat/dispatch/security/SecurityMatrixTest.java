package com.hartomat.dispatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.deploy.local.auth.SecurityMatrix;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every operation of dispatch's OpenAPI document × no token, an expired token, another audience's token, a token
 * signed by an unknown key (401 each) and each role (403 below the rule, through security at or above it). An
 * operation missing from {@link #RULES} fails this test: a new endpoint needs a rule.
 */
@QuarkusTest
class SecurityMatrixTest {

    /** The least role of each operation (admin ⊇ operator ⊇ author ⊇ viewer). */
    static final Map<String, String> RULES = new TreeMap<>();

    static {
        for (String collection : List.of("products", "orders", "order-lines", "cad-files")) {
            RULES.put("GET /api/" + collection, "viewer");
            RULES.put("POST /api/" + collection, "author");
            RULES.put("GET /api/" + collection + "/{id}", "viewer");
            RULES.put("DELETE /api/" + collection + "/{id}", "admin");
        }
        RULES.put("PUT /api/products/{id}", "author");
        RULES.put("PATCH /api/orders/{id}", "author");
        RULES.put("PATCH /api/order-lines/{id}", "author");
        RULES.put("PATCH /api/cad-files/{id}", "author");
        RULES.put("POST /api/order-lines/{id}/dispatch", "operator");
        RULES.put("POST /api/workflows/{id}/dispatch", "operator");
        RULES.put("POST /api/workflows/dispatch", "author");
        RULES.put("GET /api/workflows/{id}/preflight", "author");
        RULES.put("POST /api/workflows/preflight", "author");
        RULES.put("GET /api/workflows/runs", "viewer");
        RULES.put("GET /api/workflows/runs/{id}", "viewer");
        RULES.put("GET /api/workflows/runs/{id}/nodes/{node}/artifacts/{index}/content", "viewer");
        RULES.put("GET /api/workflows/runs/{id}/events", "viewer");
        RULES.put("GET /api/workflows/runs/events", "viewer");
        RULES.put("POST /api/workflows/runs/{id}/resume", "operator");
        RULES.put("POST /api/workflows/runs/{id}/retry", "operator");
        RULES.put("POST /api/workflows/runs/{id}/cancel", "operator");
        RULES.put("GET /api/media-assets", "viewer");
        RULES.put("GET /api/media-assets/{id}", "viewer");
        RULES.put("GET /api/media-assets/{id}/content", "viewer");
        RULES.put("GET /api/notifications", "viewer");
        for (String scope : List.of("output-types", "workflow-definitions")) {
            RULES.put("GET /api/rollout/" + scope + "/{id}", "viewer");
            RULES.put("PUT /api/rollout/" + scope + "/{id}", "operator");
            RULES.put("GET /api/rollout/" + scope + "/{id}/history", "viewer");
        }
        RULES.put("GET /api/rollout/output-types/{id}/readiness", "viewer");
        RULES.put("POST /api/rollout/output-types/{id}/calibration-renders", "operator");
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
