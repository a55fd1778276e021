package com.hartomat.registry.console;

import com.hartomat.registry.RegistryConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /workflows/settings}: the console's sign-in settings, public like the console's page (it is read before
 * anyone has a token). Carries no secret: the console is a public client.
 */
@PermitAll
@Path("/workflows/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "The /workflows console's own settings")
public class ConsoleSettingsResource {

    private final ConsoleSettings settings;

    public ConsoleSettingsResource(RegistryConfig config,
            @ConfigProperty(name = "smallrye.jwt.path.groups", defaultValue = "groups") String rolesClaim) {
        RegistryConfig.Console.Oidc oidc = config.console().oidc();
        this.settings = ConsoleSettings.of(oidc.issuer(), oidc.clientId(), oidc.scope(), rolesClaim);
    }

    @GET
    @Operation(summary = "How the console signs users in (the identity provider: issuer, client id, scope; or none) and the claim holding a token's roles")
    public ConsoleSettings settings() {
        return settings;
    }
}
