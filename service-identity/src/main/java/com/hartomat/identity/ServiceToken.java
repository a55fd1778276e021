package com.hartomat.identity;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This service's own identity for the calls it makes to another service of the suite — never a user's token, never
 * one forwarded from an incoming request. Two sources, one switch ({@code quarkus.oidc-client.client-enabled}):
 * <ul>
 * <li>the identity provider (production): an access token from the provider's token endpoint with the OAuth2
 * client-credentials grant of {@code quarkus-oidc-client} (client id and secret of this service), cached and renewed
 * by the extension's own {@link TokensHelper} before it expires;</li>
 * <li>the stack's key (locally and in tests): a short-lived token signed with {@code smallrye.jwt.sign.key.location}
 * for {@code hartomat.auth.service.subject} with the one role {@code hartomat.auth.service.role}, minted once and
 * reused until half its life is over.</li>
 * </ul>
 */
@ApplicationScoped
public class ServiceToken {

    private static final Logger LOG = Logger.getLogger(ServiceToken.class);

    private final boolean fromProvider;
    private final Instance<OidcClient> provider;
    private final TokensHelper providerTokens = new TokensHelper();
    private final String subject;
    private final String role;
    private final Duration ttl;
    private Minted current;

    private record Minted(String token, Instant renewAfter) {
    }

    public ServiceToken(@ConfigProperty(name = "quarkus.oidc-client.client-enabled", defaultValue = "false") boolean fromProvider,
            Instance<OidcClient> provider,
            @ConfigProperty(name = "hartomat.auth.service.subject") String subject,
            @ConfigProperty(name = "hartomat.auth.service.role") String role,
            @ConfigProperty(name = "hartomat.auth.service.ttl", defaultValue = "PT10M") Duration ttl) {
        this.fromProvider = fromProvider;
        this.provider = provider;
        this.subject = subject;
        this.role = role;
        this.ttl = ttl;
    }

    /**
     * With the identity provider, asks it for the first token at start-up, in the background (start-up does not wait
     * and does not fail when the provider is away), so the first cross-service call does not spend its timeout on
     * discovery and the token request.
     */
    void warmUp(@Observes StartupEvent started) {
        if (fromProvider) {
            token().subscribe().with(ignored -> LOG.infof("service token obtained from the identity provider"),
                    failure -> LOG.warnf("no service token from the identity provider yet (asked again on the next "
                            + "call): %s", failure.getMessage()));
        }
    }

    /** The bearer token for the next call (the provider is asked only when the cached one is near its expiry). */
    public Uni<String> token() {
        if (fromProvider) {
            return providerTokens.getTokens(provider.get()).map(Tokens::getAccessToken);
        }
        return Uni.createFrom().item(this::signed);
    }

    /** Where the token comes from: {@code identity-provider} or {@code stack-key}. */
    public String source() {
        return fromProvider ? "identity-provider" : "stack-key";
    }

    private synchronized String signed() {
        Instant now = Instant.now();
        if (current == null || now.isAfter(current.renewAfter())) {
            String token = Jwt.subject(subject).groups(role).issuedAt(now).expiresAt(now.plus(ttl))
                    .claim("client_id", subject).sign();
            current = new Minted(token, now.plus(ttl.dividedBy(2)));
        }
        return current.token();
    }
}
