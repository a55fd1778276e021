package com.hartomat.deploy.local.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs bearer tokens the way an OpenID Connect provider would for the suite: issuer, audience, subject, the roles in
 * {@code groups}, issued-at and expiry, RS256 with the key's id in the header. For the local stack
 * ({@code ./hartomat token}, the smoke commands) and the tests; production tokens come from the identity provider.
 */
public final class TokenMint {

    /** The issuer and audience of the local stack's tokens, and what its services are configured to expect. */
    public static final String LOCAL_ISSUER = "https://hartomat.local/stack";
    public static final String AUDIENCE = "hartomat-workflows";

    private final RsaJsonWebKey key;
    private final String issuer;

    public TokenMint(RsaJsonWebKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A token for {@code subject} with {@code roles}, valid from now for {@code ttl}. */
    public String sign(String subject, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign(subject, roles, AUDIENCE, now, now.plus(ttl));
    }

    /** A token with every claim chosen, e.g. one that expired an hour ago or one for another audience. */
    public String sign(String subject, List<String> roles, String audience, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token with key " + key.getKeyId(), e);
        }
    }
}
