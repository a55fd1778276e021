package com.hartomat.worker.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Heartbeats of running attempts: while an attempt runs, its {@code heartbeat} event is sent every interval unless a
 * progress event went out during that interval (progress counts as one). dispatch-service takes a job that stays
 * silent past its job type's timeout for lost. One JDK scheduled executor thread serves every attempt of the worker;
 * a beat only appends an event to the ledger's outbox (milliseconds), so it never waits for Blender.
 */
public final class Heartbeats implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    /** No heartbeats (tests and tools that build a processor without them). */
    public static final Heartbeats NONE = new Heartbeats(null);

    /** Sends one heartbeat; may throw, which is logged and the next beat tried. */
    @FunctionalInterface
    public interface Sender {
        void send() throws Exception;
    }

    /** One running attempt's heartbeat; closing it stops the beats (and waits for one in flight). */
    public interface Beat extends AutoCloseable {
        /** A sign of life went out by other means (a progress event): the next heartbeat is due an interval later. */
        void touch();

        @Override
        void close();
    }

    private static final Beat SILENT = new Beat() {
        @Override
        public void touch() {
        }

        @Override
        public void close() {
        }
    };

    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public Heartbeats(Duration interval) {
        this.interval = interval;
        this.scheduler = interval == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeats");
            t.setDaemon(true);
            return t;
        });
    }

    public Duration interval() {
        return interval;
    }

    /** Starts beating for one attempt. */
    public Beat start(String jobId, Sender sender) {
        if (scheduler == null) {
            return SILENT;
        }
        Running running = new Running(jobId, sender, System.nanoTime());
        long periodMs = interval.toMillis();
        running.future = scheduler.scheduleAtFixedRate(running::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return running;
    }

    private final class Running implements Beat {
        private final String jobId;
        private final Sender sender;
        private volatile long lastSignNanos;
        private ScheduledFuture<?> future;
        private boolean closed;

        Running(String jobId, Sender sender, long startedNanos) {
            this.jobId = jobId;
            this.sender = sender;
            this.lastSignNanos = startedNanos;
        }

        @Override
        public void touch() {
            lastSignNanos = System.nanoTime();
        }

        synchronized void tick() {
            // a progress event less than an interval ago already said the job is alive
            if (closed || System.nanoTime() - lastSignNanos < interval.toNanos() / 2) {
                return;
            }
            try {
                sender.send();
                lastSignNanos = System.nanoTime();
            } catch (Exception e) {
                LOG.warnf("heartbeat of job %s not sent: %s", jobId, e.getMessage());
            }
        }

        @Override
        public void close() {
            future.cancel(false);
            synchronized (this) {
                closed = true; // a beat in flight has finished (same lock); none starts after this
            }
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
