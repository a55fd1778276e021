package com.hartomat.dispatch.security;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.dispatch.support.FakeIdentityProvider;
import com.hartomat.dispatch.support.FakeIdentityProvider.Grant;
import com.hartomat.dispatch.support.FakeRegistry;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.identity.ServiceToken;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Its own application boot, configured as in production: dispatch obtains its service token from the identity
 * provider's token endpoint with the client-credentials grant (quarkus-oidc-client) instead of signing one with the
 * stack key, and calls the registry with exactly that token.
 */
@QuarkusTest
@TestProfile(ServiceIdentityFromProviderTest.ClientCredentials.class)
class ServiceIdentityFromProviderTest {

    public static class ClientCredentials implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdentityProvider.class));
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    ServiceToken serviceToken;

    @Test
    void registryCallsCarryTheAccessTokenTheProviderIssuedForDispatchsClientCredentials() {
        Fixtures fx = new Fixtures(db);
        // dispatch asks for its token once at start-up, in the background
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !FakeIdentityProvider.grants().isEmpty());
        Entities first = renderableLineBehindFreshRegistryEntities(fx);
        given().post("/api/order-lines/" + first.line() + "/dispatch").then().statusCode(200);

        List<Grant> grants = FakeIdentityProvider.grants();
        assertEquals(1, grants.size(), "dispatch asked the provider once for a token: " + grants);
        Grant grant = grants.get(0);
        assertEquals("client_credentials", grant.form().get("grant_type"));
        assertEquals(FakeIdentityProvider.CLIENT_ID, grant.client());
        assertEquals("Bearer " + grant.accessToken(), FakeRegistry.authorization("output-types", first.outputType()),
                "the registry saw the provider's token, not one signed by the stack key or the caller's ("
                        + FakeRegistry.requests("output-types", first.outputType()) + " requests for the output type, "
                        + FakeRegistry.requests("workflows", first.workflow()) + " for the workflow)");

        // the next calls reuse it: the provider is not asked again until the token nears its expiry
        assertEquals(grant.accessToken(), serviceToken.token().await().atMost(Duration.ofSeconds(30)));
        assertEquals(grant.accessToken(), serviceToken.token().await().atMost(Duration.ofSeconds(30)));
        assertEquals(1, FakeIdentityProvider.grants().size(), "the token is reused until it nears its expiry");
        assertEquals("identity-provider", serviceToken.source());
    }

    private record Entities(String line, String outputType, String workflow) {
    }

    private static Entities renderableLineBehindFreshRegistryEntities(Fixtures fx) {
        String wf = Fixtures.id();
        String ot = Fixtures.id();
        FakeRegistry.put("workflows", wf, Map.of("id", wf, "version", 1, "is_active", true,
                "config", Fixtures.JSON.convertValue(Graphs.still("graph"), Map.class)));
        FakeRegistry.put("output-types", ot, Map.of("id", ot, "workflow_definition_id", wf, "render_settings", Map.of()));
        Line line = fx.renderableLine(ot);
        return new Entities(line.orderLineId(), ot, wf);
    }
}
