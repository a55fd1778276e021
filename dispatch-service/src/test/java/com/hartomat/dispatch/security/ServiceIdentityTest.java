package com.hartomat.dispatch.security;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.deploy.local.auth.TokenMint;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.FakeRegistry;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Dispatch calls the registry with a service identity of its own: a token for {@code service:dispatch-service} with
 * the viewer role, signed for the suite's issuer and audience; never the user's token that caused the call.
 */
@QuarkusTest
class ServiceIdentityTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aRegistryFetchCarriesDispatchsOwnServiceTokenNotTheCallersToken() throws Exception {
        Fixtures fx = new Fixtures(db);
        String wf = Fixtures.id();
        String ot = Fixtures.id();
        FakeRegistry.put("workflows", wf, Map.of("id", wf, "version", 1, "is_active", true,
                "config", Fixtures.JSON.convertValue(Graphs.still("graph"), Map.class)));
        FakeRegistry.put("output-types", ot, Map.of("id", ot, "workflow_definition_id", wf, "render_settings", Map.of()));
        Line line = fx.renderableLine(ot);

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200);

        String authorization = FakeRegistry.authorization("output-types", ot);
        assertNotNull(authorization, "the registry call carried no Authorization header");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(TestTokens.keys().key().getPublicKey())
                .setExpectedIssuer(TestTokens.ISSUER)
                .setExpectedAudience(TokenMint.AUDIENCE)
                .setRequireExpirationTime()
                .build().processToClaims(authorization.substring("Bearer ".length()));
        assertEquals("service:dispatch-service", claims.getSubject());
        assertEquals(List.of("viewer"), claims.getStringListClaimValue("groups"));
    }
}
