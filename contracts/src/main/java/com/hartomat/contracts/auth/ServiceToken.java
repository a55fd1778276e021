package com.hartomat.contracts.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's own identity for the calls it makes to another service of the suite: a short-lived bearer token with
 * the service's subject ({@code hartomat.auth.service.subject}) and one role ({@code hartomat.auth.service.role}),
 * signed with the key at {@code smallrye.jwt.sign.key.location} for the issuer and audience the callees verify. Never
 * a user's token, never one forwarded from an incoming request. Minted once and reused until half its life is over.
 */
@ApplicationScoped
public class ServiceToken {

    private final String subject;
    private final String role;
    private final Duration ttl;
    private Minted current;

    private record Minted(String token, Instant renewAfter) {
    }

    public ServiceToken(@ConfigProperty(name = "hartomat.auth.service.subject") String subject,
            @ConfigProperty(name = "hartomat.auth.service.role") String role,
            @ConfigProperty(name = "hartomat.auth.service.ttl", defaultValue = "PT10M") Duration ttl) {
        this.subject = subject;
        this.role = role;
        this.ttl = ttl;
    }

    /** The current token (a fresh one once half of the last one's life has passed). */
    public synchronized String token() {
        Instant now = Instant.now();
        if (current == null || now.isAfter(current.renewAfter())) {
            String token = Jwt.subject(subject).groups(role).issuedAt(now).expiresAt(now.plus(ttl))
                    .claim("client_id", subject).sign();
            current = new Minted(token, now.plus(ttl.dividedBy(2)));
        }
        return current.token();
    }

    public String subject() {
        return subject;
    }
}
