package com.hartomat.worker.blender;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One long-lived Blender running {@code hartomat_warm.py}: it takes job specs one after another over stdin and
 * answers with the job's output lines, then {@code HARTOMAT_DONE}, then (after resetting to the factory state)
 * {@code HARTOMAT_READY}. One job at a time; the pool hands it out.
 */
final class WarmBlender {

    static final String READY = "HARTOMAT_READY ";
    static final String DONE = "HARTOMAT_DONE ";
    /** How often a running job's process is checked for its memory and the time limit. */
    static final long SAMPLE_MS = 200;

    private static final Logger LOG = Logger.getLogger(WarmBlender.class);

    sealed interface Signal {
    }

    record Ready() implements Signal {
    }

    record Done(int exitCode) implements Signal {
    }

    record Ended(int exitCode) implements Signal {
    }

    private record Sink(BoundedLog log, Consumer<String> lines) {
    }

    private final Process process;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile Sink sink;
    private volatile int jobs;

    private WarmBlender(Process process) {
        this.process = process;
    }

    static WarmBlender start(List<String> command, Path home) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile()).start();
        WarmBlender blender = new WarmBlender(process);
        Thread reader = new Thread(blender::pump, "warm-blender-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return blender;
    }

    long pid() {
        return process.pid();
    }

    int jobs() {
        return jobs;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until the process is idle and ready: {@link Ready}, {@link Ended} (it died), or null at the limit. */
    Signal awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Signal signal = signals.poll(left, TimeUnit.NANOSECONDS);
            if (signal == null || signal instanceof Ready || signal instanceof Ended) {
                return signal;
            }
        }
    }

    /**
     * Runs one job on this (ready) process. The process is killed when the job passes {@code timeout}, when its
     * RSS passes the policy's ceiling, or when {@code cancellation} is cancelled (that kills the process at hand).
     */
    BlenderRun run(Path spec, Path cwd, Duration timeout, BoundedLog log, Consumer<String> lines,
            ChildProcess.Cancellation cancellation, RecyclePolicy policy) throws InterruptedException {
        long started = System.nanoTime();
        log.line("$ warm blender pid " + pid() + " (job " + (jobs + 1) + " of this process): " + spec);
        sink = new Sink(log, lines);
        cancellation.attach(process);
        try {
            try {
                OutputStream in = process.getOutputStream();
                in.write((Json.mapper().writeValueAsString(Map.of("spec", spec.toString(), "cwd", cwd.toString())) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                log.line("[worker] could not hand the job to warm Blender pid " + pid() + ": " + e.getMessage());
            }
            long deadline = started + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.line("[worker] the job's time limit was reached: killing warm Blender pid " + pid());
                    kill();
                    awaitEnd();
                    return cancellation.requested() ? BlenderRun.stopped() : BlenderRun.timeout();
                }
                Signal signal = signals.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, SAMPLE_MS), TimeUnit.MILLISECONDS);
                if (signal instanceof Done done) {
                    jobs++;
                    log.line("[worker] warm-blender ended with exit " + done.exitCode() + " after " + millisSince(started)
                            + " ms");
                    return cancellation.requested() ? BlenderRun.stopped() : BlenderRun.finished(done.exitCode());
                }
                if (signal instanceof Ended ended) {
                    log.line("[worker] warm blender pid " + pid() + " ended with exit " + ended.exitCode()
                            + " in the middle of the job after " + millisSince(started) + " ms");
                    if (cancellation.requested()) {
                        log.line("[worker] cancelled: warm Blender killed");
                        return BlenderRun.stopped();
                    }
                    return BlenderRun.lost(ended.exitCode());
                }
                if (signal == null && policy.memoryCeilingBytes() > 0) {
                    long rss = rssBytes();
                    if (policy.overCeiling(rss)) {
                        log.line("[worker] warm Blender pid " + pid() + " RSS " + RecyclePolicy.mib(rss)
                                + " is above the memory ceiling of " + RecyclePolicy.mib(policy.memoryCeilingBytes())
                                + ": killing it");
                        kill();
                        awaitEnd();
                        return BlenderRun.overMemory(rss);
                    }
                }
            }
        } catch (InterruptedException e) {
            log.line("[worker] interrupted: killing warm Blender pid " + pid());
            kill();
            throw e;
        } finally {
            sink = null;
            cancellation.detach(process);
        }
    }

    /**
     * Resident memory from {@code /proc/<pid>/status} (VmRSS), 0 when unknown. Read by hand: one line of a Linux
     * file, polled a few times a second, needs no library.
     */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] fields = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    void kill() {
        ChildProcess.killTree(process);
    }

    private void awaitEnd() throws InterruptedException {
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(READY)) {
                    signals.add(new Ready());
                } else if (line.startsWith(DONE)) {
                    sink = null;
                    signals.add(new Done(exitOf(line.substring(DONE.length()))));
                } else {
                    Sink current = sink;
                    if (current == null) {
                        LOG.debugf("warm blender %d: %s", pid(), line);
                    } else {
                        current.log().line(line);
                        try {
                            current.lines().accept(line);
                        } catch (RuntimeException e) {
                            current.log().line("[worker] output listener failed: " + e);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf("warm blender %d: output closed: %s", pid(), e.getMessage());
        }
        int exit;
        try {
            process.waitFor();
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        signals.add(new Ended(exit));
    }

    private static int exitOf(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node.path("exit").asInt(3);
        } catch (IOException e) {
            return 3;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
