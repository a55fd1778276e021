package com.hartomat.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The workflow registry's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface RegistryConfig {

    Db db();

    Storage storage();

    Workflows workflows();

    Http http();

    Console console();

    /** The /workflows console (docs/console.md). */
    interface Console {
        Oidc oidc();

        /**
         * The identity provider the console signs users in at (authorization code flow with PKCE, a public client).
         * Without an issuer the console offers only its token field.
         */
        interface Oidc {
            /** The provider's issuer URL; its discovery document is {@code <issuer>/.well-known/openid-configuration}. */
            Optional<String> issuer();

            /** The console's client id at the provider (a public client: no secret). */
            @WithDefault("hartomat-console")
            String clientId();

            /** The scopes asked for, space separated. */
            @WithDefault("openid")
            String scope();
        }
    }

    /** Request limits of the API, answered with the service's JSON errors. */
    interface Http {
        /**
         * Bodies above this size are refused with 413 {@code payload_too_large}: by their Content-Length before
         * they are read, a chunked one once that many bytes have been read. (Quarkus' own
         * {@code quarkus.http.limits.max-body-size}, set higher, stays the transport's hard stop.)
         */
        @WithDefault("4M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();
    }

    interface Db {
        String host();

        int port();

        String name();

        String user();
    }

    /** Graph size limits, checked before any per-node work (absurd graphs are refused cheaply). */
    interface Workflows {
        @WithDefault("10000")
        int maxNodes();

        @WithDefault("40000")
        int maxEdges();
    }

    interface Storage {
        /** The artifact storage root shared by the services. */
        @WithName("root")
        Path root();
    }
}
