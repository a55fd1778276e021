package com.hartomat.deploy.local.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local entry point: a real nginx (the Debian package) in the foreground as a child process of whoever starts it,
 * with its configuration, pid file, temporary files and logs under the given directories, so it needs no root to run.
 */
public final class EntryPoint implements AutoCloseable {

    /** Where Debian and source builds put the binary; {@code /usr/sbin} is not on a normal user's PATH. */
    private static final List<String> CANDIDATES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx",
            "/usr/local/nginx/sbin/nginx", "/usr/bin/nginx");

    private final Process process;
    private final EntryPointSettings settings;

    private EntryPoint(Process process, EntryPointSettings settings) {
        this.process = process;
        this.settings = settings;
    }

    /** The nginx binary on this machine, if any: on the PATH or where packages install it. */
    public static Optional<Path> findNginx() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nginx"));
            }
        }
        CANDIDATES.forEach(c -> candidates.add(Path.of(c)));
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** Whether something already listens on (or holds) {@code port} on any local address. */
    public static boolean portTaken(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Writes the configuration, has nginx check it ({@code nginx -t}), starts it and waits until its port accepts
     * connections. Fails with nginx's own words when the check or the start fails.
     */
    public static EntryPoint start(Path nginx, String config, EntryPointSettings settings, Duration timeout) {
        Path dir = settings.directory().toAbsolutePath();
        try {
            for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(dir.resolve("temp").resolve(temp));
            }
            Files.createDirectories(settings.logs());
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config);
            List<String> base = List.of(nginx.toString(), "-p", dir + "/", "-c", conf.toString(),
                    "-e", settings.logs().toAbsolutePath().resolve("entry-error.log").toString());
            Process check = new ProcessBuilder(concat(base, "-t", "-q")).redirectErrorStream(true).start();
            String checkOutput = new String(check.getInputStream().readAllBytes());
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("nginx refused the generated configuration " + conf + ": " + checkOutput.strip());
            }
            Path log = settings.logs().resolve("entry.log");
            Process process = new ProcessBuilder(base).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EntryPoint entry = new EntryPoint(process, settings);
            entry.awaitListening(timeout, log);
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start nginx", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting nginx", e);
        }
    }

    private void awaitListening(Duration timeout, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + tail(log)
                        + " " + tail(settings.logs().resolve("entry-error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on port " + settings.port() + " within " + timeout);
    }

    public int port() {
        return settings.port();
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops nginx: TERM is its fast shutdown (the master stops its workers); after 10 s they are killed. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
