package com.hartomat.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.nio.file.Path;

/**
 * The dispatch service's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface DispatchConfig {

    Db db();

    Storage storage();

    Registry registry();

    Runs runs();

    interface Runs {
        /**
         * Attempts a graph node gets for failures the worker marks retryable (each attempt a new render job); a node
         * whose attempts are used up fails for good, and its run with it.
         */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Registry {
        /** Base URL of the workflow registry's REST API, asked when the read model misses an entity. */
        @WithDefault("http://localhost:8081")
        String url();

        /** Upper bound of one registry fetch (connect plus read); dispatch never waits longer on the registry. */
        @WithDefault("PT1S")
        Duration timeout();

        /** How long a read-model entity may be served from memory (changes applied by this replica evict at once). */
        @WithDefault("PT2S")
        Duration cacheTtl();
    }

    interface Db {
        String host();

        int port();

        String name();

        String user();
    }

    interface Storage {
        /** The artifact storage root shared by the services. */
        @WithName("root")
        Path root();
    }
}
