package com.hartomat.worker.blender;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A small pool of warm Blender processes ({@link WarmBlender}) that take jobs one after another, so Blender's
 * start-up is paid once per process instead of once per job. At most {@code size} processes, each running one job
 * at a time. A process that crashes, passes the job's time limit or the memory ceiling, or is killed to stop its
 * job costs only that job: it is replaced by a fresh one at once (which starts while the worker reports the
 * failure). Processes are recycled after {@link RecyclePolicy#maxJobsPerProcess()} jobs.
 */
public final class BlenderPool implements BlenderRunner {

    private static final Logger LOG = Logger.getLogger(BlenderPool.class);
    /** A process that dies while idle (or at start) is replaced; a Blender that cannot stay up fails the job. */
    private static final int START_ATTEMPTS = 2;

    private final List<String> command;
    private final Path home;
    private final int size;
    private final RecyclePolicy policy;
    private final Semaphore slots;
    private final Deque<WarmBlender> idle = new ArrayDeque<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong retired = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param executable the Blender executable
     * @param loopScript {@code hartomat_warm.py}
     * @param sceneScript the scene script each job runs ({@code hartomat_scene.py})
     * @param home the processes' working directory between jobs
     */
    public BlenderPool(String executable, Path loopScript, Path sceneScript, Path home, int size, RecyclePolicy policy) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + size);
        }
        this.command = List.of(executable, "-b", "--factory-startup", "--python-exit-code", "3", "-P",
                loopScript.toString(), "--", sceneScript.toString());
        this.home = home;
        this.size = size;
        this.policy = policy;
        this.slots = new Semaphore(size, true);
    }

    /** Starts all processes now (they boot in parallel, off the job's clock). */
    public void prewarm() throws IOException {
        synchronized (idle) {
            while (!closed && idle.size() < size) {
                idle.add(startProcess());
            }
        }
    }

    @Override
    public BlenderRun run(Path spec, Path workDir, Duration timeout, BoundedLog log, Consumer<String> lines,
            ChildProcess.Cancellation cancellation) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            log.line("[worker] no warm Blender became free within the job's time limit of " + timeout);
            return BlenderRun.timeout();
        }
        WarmBlender blender = null;
        try {
            for (int attempt = 1; blender == null; attempt++) {
                WarmBlender candidate = takeOrStart();
                WarmBlender.Signal signal = candidate.awaitReady(left(deadline));
                if (signal instanceof WarmBlender.Ready) {
                    blender = candidate;
                } else if (signal == null) {
                    log.line("[worker] warm Blender pid " + candidate.pid() + " was not ready within the job's time limit");
                    discard(candidate, "not ready in time");
                    return BlenderRun.timeout();
                } else {
                    int exit = ((WarmBlender.Ended) signal).exitCode();
                    log.line("[worker] warm Blender pid " + candidate.pid() + " ended while idle (exit " + exit + ")");
                    discard(candidate, "ended while idle");
                    if (attempt >= START_ATTEMPTS) {
                        return BlenderRun.lost(exit);
                    }
                }
            }
            if (cancellation.requested()) {
                release(blender);
                return BlenderRun.stopped();
            }
            BlenderRun run = blender.run(spec, workDir, left(deadline), log, lines, cancellation, policy);
            Optional<String> retire = policy.retireReason(blender.jobs(), run, run.succeeded() ? blender.rssBytes() : 0);
            if (retire.isPresent()) {
                log.line("[worker] warm Blender pid " + blender.pid() + " replaced: " + retire.get());
                discard(blender, retire.get());
                replace();
            } else {
                release(blender);
            }
            return run;
        } catch (InterruptedException e) {
            if (blender != null) {
                discard(blender, "interrupted");
            }
            throw e;
        } finally {
            slots.release();
        }
    }

    /** Processes started so far (the first ones and every replacement). */
    public long started() {
        return started.get();
    }

    /** Processes retired so far (recycled, crashed, killed). */
    public long retired() {
        return retired.get();
    }

    public int size() {
        return size;
    }

    public RecyclePolicy policy() {
        return policy;
    }

    /** The idle processes' pids (for tests and status). */
    public List<Long> idlePids() {
        synchronized (idle) {
            List<Long> pids = new ArrayList<>();
            idle.forEach(b -> pids.add(b.pid()));
            return pids;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(WarmBlender::kill);
            idle.clear();
        }
    }

    private WarmBlender takeOrStart() throws IOException {
        synchronized (idle) {
            for (WarmBlender next = idle.poll(); next != null; next = idle.poll()) {
                if (next.alive()) {
                    return next;
                }
                discard(next, "ended while idle");
            }
            return startProcess();
        }
    }

    private void release(WarmBlender blender) {
        synchronized (idle) {
            if (closed) {
                blender.kill();
            } else {
                idle.push(blender);
            }
        }
    }

    /** A retired process's successor starts at once, so the next job finds it (nearly) ready. */
    private void replace() {
        synchronized (idle) {
            if (closed || idle.size() >= size) {
                return;
            }
            try {
                idle.add(startProcess());
            } catch (IOException e) {
                LOG.warnf("could not start a warm Blender to replace a retired one (the next job tries again): %s",
                        e.getMessage());
            }
        }
    }

    private void discard(WarmBlender blender, String reason) {
        retired.incrementAndGet();
        LOG.debugf("warm Blender pid %d retired after %d jobs: %s", blender.pid(), blender.jobs(), reason);
        blender.kill();
    }

    private WarmBlender startProcess() throws IOException {
        WarmBlender blender = WarmBlender.start(command, home);
        started.incrementAndGet();
        return blender;
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }
}
