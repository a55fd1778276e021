package com.hartomat.worker.blender;

/**
 * The output of one attempt, bounded: the first quarter of the limit is kept from the start, the rest is a
 * rolling tail, so both the command line and the final error survive a chatty render.
 */
public final class BoundedLog {

    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long dropped;

    public BoundedLog(int limitChars) {
        this.headLimit = Math.max(16, limitChars / 4);
        this.tailLimit = Math.max(16, limitChars - headLimit);
    }

    public synchronized void line(String line) {
        String text = line + "\n";
        if (head.length() + text.length() <= headLimit && tail.isEmpty()) {
            head.append(text);
            return;
        }
        tail.append(text);
        if (tail.length() > tailLimit) {
            int cut = tail.length() - tailLimit;
            dropped += cut;
            tail.delete(0, cut);
        }
    }

    public synchronized String text() {
        return dropped == 0 ? head.toString() + tail : head + "[... " + dropped + " characters omitted ...]\n" + tail;
    }

    /** The last {@code max} characters, e.g. for a failure's {@code log_tail}. */
    public synchronized String tail(int max) {
        String all = text();
        return all.length() <= max ? all : all.substring(all.length() - max);
    }
}
