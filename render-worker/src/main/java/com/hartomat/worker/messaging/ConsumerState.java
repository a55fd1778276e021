package com.hartomat.worker.messaging;

/** Whether the render.jobs.v1 consumer is consuming right now, and why not when it is not (for readiness). */
public final class ConsumerState {

    /** The most characters of an error kept in a reason. */
    static final int ERROR_CHARS = 500;

    /** One reading: consuming, or not with the reason. */
    public record Snapshot(boolean consuming, String reason) {
        static final Snapshot CONSUMING = new Snapshot(true, null);
    }

    private volatile Snapshot current = new Snapshot(false, "not started");
    private boolean stopping;

    public Snapshot snapshot() {
        return current;
    }

    synchronized void consuming() {
        if (!stopping && !current.consuming()) {
            current = Snapshot.CONSUMING;
        }
    }

    synchronized void retrying(Throwable error, long delayMs) {
        if (!stopping) {
            current = new Snapshot(false, "failed, retrying in " + delayMs + " ms: " + describe(error));
        }
    }

    synchronized void stopping() {
        stopping = true;
        current = new Snapshot(false, "stopping: shutdown");
    }

    synchronized void stopped(String reason) {
        current = new Snapshot(false, reason);
    }

    static String describe(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getName() + ": " + error.getMessage();
        return text.length() <= ERROR_CHARS ? text : text.substring(0, ERROR_CHARS - 1) + "…";
    }
}
