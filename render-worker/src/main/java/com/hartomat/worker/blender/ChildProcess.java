package com.hartomat.worker.blender;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one external tool (Blender, gmsh) as a child process: output merged and read line by line into the
 * attempt's log and a listener, a wall-clock limit after which the whole process tree is killed, and
 * cancellation from outside (shutdown) with the same effect.
 */
public final class ChildProcess {

    /** How a run ended. {@code exitCode} is -1 when the process was killed. */
    public record Outcome(int exitCode, boolean timedOut, boolean cancelled) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut && !cancelled;
        }
    }

    /** Lets another thread stop a running child (graceful shutdown releasing a job). */
    public static final class Cancellation {
        private volatile boolean requested;
        private volatile Process process;

        public void cancel() {
            requested = true;
            Process current = process;
            if (current != null) {
                killTree(current);
            }
        }

        public boolean requested() {
            return requested;
        }

        void attach(Process p) {
            process = p;
            if (requested) {
                killTree(p);
            }
        }

        /** A warm Blender outlives its job: once the job is over, cancelling it must not kill the process. */
        void detach(Process p) {
            if (process == p) {
                process = null;
            }
        }
    }

    private ChildProcess() {
    }

    /**
     * Starts {@code command} and waits for it. Throws {@link IOException} when it cannot be started at all
     * (e.g. the executable is missing).
     */
    public static Outcome run(List<String> command, Path workDir, Duration timeout, BoundedLog log,
            Consumer<String> lines, Cancellation cancellation) throws IOException, InterruptedException {
        log.line("$ " + String.join(" ", command));
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
        Process process = builder.start();
        cancellation.attach(process);
        Thread reader = new Thread(() -> pump(process, log, lines), "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // the worker thread is being torn down: never leave an orphaned Blender behind
            log.line("[worker] interrupted: killing process tree of pid " + process.pid());
            killTree(process);
            throw e;
        }
        if (!finished) {
            log.line("[worker] time limit " + timeout + " reached: killing process tree of pid " + process.pid());
            killTree(process);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5000);
        log.line("[worker] " + command.get(0) + " ended " + (finished ? "with exit " + process.exitValue() : "by kill")
                + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        if (cancellation.requested()) {
            log.line("[worker] cancelled: process tree killed");
            return new Outcome(-1, false, true);
        }
        return finished ? new Outcome(process.exitValue(), false, false) : new Outcome(-1, true, false);
    }

    private static void pump(Process process, BoundedLog log, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.line(line);
                try {
                    lines.accept(line);
                } catch (RuntimeException e) {
                    log.line("[worker] output listener failed: " + e);
                }
            }
        } catch (IOException e) {
            log.line("[worker] output closed: " + e.getMessage());
        }
    }

    /** Kills the descendants first (they would otherwise be re-parented and survive), then the process. */
    static void killTree(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
