package com.hartomat.deploy.local.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * Tokens for tests, signed with the test key pair that {@link com.hartomat.deploy.local.LocalInfraTestResource}
 * configures every service under test to trust (kept in {@code target/test-auth} of the module, or
 * {@code -Dhartomat.test.auth-dir}). Security stays on in tests: a test acts as a role by sending one of these.
 */
public final class TestTokens {

    public static final String ISSUER = "https://hartomat.test/issuer";
    private static final Duration TTL = Duration.ofHours(6);
    private static StackKeys keys;

    private TestTokens() {
    }

    /** The test key pair, created on first use. */
    public static synchronized StackKeys keys() {
        if (keys == null) {
            keys = StackKeys.loadOrCreate(Path.of(System.getProperty("hartomat.test.auth-dir", "target/test-auth"))
                    .toAbsolutePath());
        }
        return keys;
    }

    /** The configuration that makes an application under test trust these tokens. */
    public static Map<String, String> serviceConfig() {
        return ServiceAuth.properties(keys(), ISSUER);
    }

    /** A valid token for the role, subject {@code test-<role>}. */
    public static String forRole(String role) {
        return token("test-" + role, role);
    }

    /** A valid token for a subject with the given roles. */
    public static String token(String subject, String... roles) {
        return mint().sign(subject, List.of(roles), TTL);
    }

    /** A token that was valid for the role and expired an hour ago. */
    public static String expired(String role) {
        Instant now = Instant.now();
        return mint().sign("test-" + role, List.of(role), TokenMint.AUDIENCE, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
    }

    /** A valid token for the role, but issued to another audience (another application). */
    public static String forAudience(String audience, String role) {
        Instant now = Instant.now();
        return mint().sign("test-" + role, List.of(role), audience, now, now.plus(TTL));
    }

    /** A token like {@link #forRole} but signed with a key nobody trusts. */
    public static String foreignSigned(String role) {
        try {
            return new TokenMint(RsaJwkGenerator.generateJwk(2048), ISSUER).sign("test-" + role, List.of(role), TTL);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenMint mint() {
        return new TokenMint(keys().key(), ISSUER);
    }
}
