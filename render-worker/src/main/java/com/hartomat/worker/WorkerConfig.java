package com.hartomat.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/**
 * The render worker's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface WorkerConfig {

    Db db();

    Storage storage();

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
