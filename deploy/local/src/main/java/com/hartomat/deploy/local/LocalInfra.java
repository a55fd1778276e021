package com.hartomat.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The suite's real infrastructure on one machine: a PostgreSQL server and a Kafka broker on free
 * loopback ports, plus an artifact storage folder, all under one work directory that is removed on
 * close (and by a detached reaper if this JVM is killed).
 */
public final class LocalInfra implements AutoCloseable {

    private static LocalInfra shared;

    private final Path workDir;
    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final Path artifactRoot;
    private final boolean ownsWorkDir;

    private LocalInfra(Path workDir, LocalPostgres postgres, LocalKafka kafka, Path artifactRoot, boolean ownsWorkDir) {
        this.workDir = workDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.artifactRoot = artifactRoot;
        this.ownsWorkDir = ownsWorkDir;
    }

    /** Starts PostgreSQL and Kafka side by side in a fresh temporary work directory. */
    public static LocalInfra start(List<TopicSpec> topics) {
        return start(topics, null);
    }

    /** As {@link #start(List)}, with artifacts in {@code artifactRoot} (kept on close) when it is not null. */
    public static LocalInfra start(List<TopicSpec> topics, Path artifactRoot) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("hartomat-infra-");
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the infrastructure work directory", e);
        }
        return start(workDir, artifactRoot != null ? artifactRoot : workDir.resolve("artifacts"), topics, true);
    }

    /**
     * Starts PostgreSQL and Kafka with their data under {@code workDir}; artifacts go to
     * {@code artifactRoot}, which is kept on close when it lies outside an owned work directory.
     */
    public static LocalInfra start(Path workDir, Path artifactRoot, List<TopicSpec> topics, boolean ownsWorkDir) {
        Directories.create(workDir);
        Reaper.watch(workDir);
        CompletableFuture<LocalPostgres> postgres = CompletableFuture.supplyAsync(
                () -> LocalPostgres.start(workDir.resolve("postgres"), ServiceSchemas.ALL));
        CompletableFuture<LocalKafka> kafka = CompletableFuture.supplyAsync(
                () -> LocalKafka.start(workDir.resolve("kafka"), topics));
        try {
            CompletableFuture.allOf(postgres, kafka).join();
        } catch (CompletionException e) {
            postgres.thenAccept(LocalPostgres::close);
            kafka.thenAccept(LocalKafka::close);
            if (ownsWorkDir) {
                Directories.deleteRecursively(workDir);
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Directories.create(artifactRoot);
        return new LocalInfra(workDir, postgres.join(), kafka.join(), artifactRoot, ownsWorkDir);
    }

    /**
     * One infrastructure per JVM, started on first use and stopped when the JVM exits: every test
     * class of a module run shares it.
     */
    public static synchronized LocalInfra shared() {
        if (shared == null) {
            LocalInfra infra = start(TopicCatalog.fromClasspath());
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "hartomat-infra-stop"));
            shared = infra;
        }
        return shared;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public Path artifactRoot() {
        return artifactRoot;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * The configuration the service owning {@code schema} needs to reach this infrastructure (keys as in each
     * service's config), its database login included.
     */
    public Map<String, String> serviceConfig(String schema) {
        DatabaseCredentials login = postgres.credentials(schema);
        Map<String, String> config = new HashMap<>();
        config.put("hartomat.db.host", postgres.host());
        config.put("hartomat.db.port", Integer.toString(postgres.port()));
        config.put("hartomat.db.name", postgres.database());
        config.put("hartomat.db.user", login.user());
        config.put("hartomat.db.password", login.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("hartomat.storage.root", artifactRoot.toString());
        return config;
    }

    /** The same configuration as environment variables, for services run as child processes. */
    public Map<String, String> serviceEnvironment(String schema) {
        Map<String, String> env = new HashMap<>();
        serviceConfig(schema).forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_'), value));
        return env;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
            if (ownsWorkDir) {
                Directories.deleteRecursively(workDir);
            }
        }
    }
}
