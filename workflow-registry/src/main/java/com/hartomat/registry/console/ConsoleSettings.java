package com.hartomat.registry.console;

import java.util.Optional;

/**
 * What the console needs to know before anyone signs in: how to sign in ({@code oidc}, null when no identity provider
 * is configured: the console then offers only its token field), and the claim the services read a token's roles from
 * ({@code smallrye.jwt.path.groups}, e.g. {@code realm_access/roles}), so that the console offers what they allow.
 */
public record ConsoleSettings(Oidc oidc, String rolesClaim) {

    /** The settings for a configured issuer (blank counts as none: an empty environment variable switches it off). */
    public static ConsoleSettings of(Optional<String> issuer, String clientId, String scope, String rolesClaim) {
        return new ConsoleSettings(issuer.map(String::strip).filter(i -> !i.isEmpty())
                .map(i -> new Oidc(i, clientId.strip(), scope.strip())).orElse(null), rolesClaim.strip());
    }

    /** The provider the console sends users to: the authorization code flow with PKCE, as a public client. */
    public record Oidc(String issuer, String clientId, String scope) {
    }
}
