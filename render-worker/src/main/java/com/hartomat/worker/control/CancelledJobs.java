package com.hartomat.worker.control;

import com.hartomat.worker.blender.ChildProcess;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs an operator cancelled (from {@code render.control.v1}) and the running attempts that can be stopped. A job
 * cancelled before it starts is never started; a running one has its child process (Blender, gmsh) stopped through its
 * {@link ChildProcess.Cancellation}, the same way shutdown stops it. Remembers the most recent cancellations only
 * ({@link #REMEMBERED}): a command older than that concerns a job long since consumed.
 */
public final class CancelledJobs {

    static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> cancelled = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final Map<String, ChildProcess.Cancellation> running = new ConcurrentHashMap<>();

    /** No job is ever cancelled: for runtimes and tests without a control topic. */
    public static CancelledJobs none() {
        return new CancelledJobs();
    }

    /** A cancel command arrived: remember it, and stop the job's child process if it is running here. */
    public void cancel(String jobId) {
        cancelled.put(jobId, Boolean.TRUE);
        ChildProcess.Cancellation attempt = running.get(jobId);
        if (attempt != null) {
            attempt.cancel();
        }
    }

    public boolean cancelled(String jobId) {
        return cancelled.containsKey(jobId);
    }

    /**
     * The attempt of {@code jobId} runs with {@code cancellation} until the returned handle is closed; a cancel that
     * arrived just before is applied at once.
     */
    public Registration running(String jobId, ChildProcess.Cancellation cancellation) {
        running.put(jobId, cancellation);
        if (cancelled(jobId)) {
            cancellation.cancel();
        }
        return () -> running.remove(jobId, cancellation);
    }

    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
