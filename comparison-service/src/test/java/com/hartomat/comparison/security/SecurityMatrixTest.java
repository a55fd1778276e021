package com.hartomat.comparison.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.deploy.local.auth.SecurityMatrix;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the comparison service's OpenAPI document × no token, an expired token, another audience's token, a token
 * signed by an unknown key (401 each) and each role (403 below the rule, through security at or above it). An
 * operation missing from {@link #RULES} fails this test: a new endpoint needs a rule.
 */
@QuarkusTest
class SecurityMatrixTest {

    /** The least role of each operation (admin ⊇ operator ⊇ author ⊇ viewer). */
    static final Map<String, String> RULES = new TreeMap<>();

    static {
        RULES.put("GET /api/workflows/runs/{id}/comparison", "viewer");
        RULES.put("GET /api/workflows/runs/{id}/comparison/images/{side}", "viewer");
        RULES.put("GET /api/comparisons", "viewer");
        RULES.put("GET /api/comparisons/noise-floors", "viewer");
        RULES.put("PUT /api/comparisons/noise-floors/{output_type_id}", "operator");
        RULES.put("POST /api/comparisons/calibrations", "operator");
        RULES.put("GET /api/comparisons/calibrations/{id}", "viewer");
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
