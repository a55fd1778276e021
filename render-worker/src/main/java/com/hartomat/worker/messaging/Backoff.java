package com.hartomat.worker.messaging;

/** A doubling delay between retries, from {@code initialMs} up to {@code maxMs}; reset after a success. */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The delay to wait now; the one after it is twice as long, up to the maximum. */
    long next() {
        long delay = nextMs;
        nextMs = Math.min(nextMs * 2, maxMs);
        return delay;
    }

    void reset() {
        nextMs = initialMs;
    }
}
