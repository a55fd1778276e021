package com.hartomat.deploy.local.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * What a service of the suite needs to trust a stack's tokens (docs/security.md): where the public keys are, which
 * issuer and audience to expect, and, for the services that call across (dispatch, comparison), the key they sign
 * their own service tokens with. As configuration properties (a Quarkus test) or as the environment variables the
 * services' application.properties read (a child process).
 */
public final class ServiceAuth {

    private ServiceAuth() {
    }

    /** Configuration properties for an application under test. */
    public static Map<String, String> properties(StackKeys keys, String issuer) {
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey.location", "file:" + keys.publicKeys().toAbsolutePath());
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("mp.jwt.verify.audiences", TokenMint.AUDIENCE);
        config.put("smallrye.jwt.sign.key.location", "file:" + keys.privateKey().toAbsolutePath());
        return config;
    }

    /** Environment variables for a service run as a child process; only a caller gets the signing key. */
    public static Map<String, String> environment(StackKeys keys, String issuer, boolean callsOtherServices) {
        Map<String, String> env = new HashMap<>();
        env.put("HARTOMAT_AUTH_JWKS", "file:" + keys.publicKeys().toAbsolutePath());
        env.put("HARTOMAT_AUTH_ISSUER", issuer);
        env.put("HARTOMAT_AUTH_AUDIENCE", TokenMint.AUDIENCE);
        if (callsOtherServices) {
            env.put("HARTOMAT_AUTH_SERVICE_KEY", "file:" + keys.privateKey().toAbsolutePath());
        }
        return env;
    }
}
