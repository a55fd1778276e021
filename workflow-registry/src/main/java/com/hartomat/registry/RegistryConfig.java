package com.hartomat.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/**
 * The workflow registry's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface RegistryConfig {

    Db db();

    Storage storage();

    Workflows workflows();

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
