package com.hartomat.dispatch.runstream;

/** One thing a run status stream sends: an event (name, optional id, data) or a comment line. */
record Frame(String event, String id, String data, String comment) {

    /** Sent as {@code : heartbeat}. */
    static final Frame HEARTBEAT = new Frame(null, null, null, " heartbeat");

    /** Never sent: the stream ends where it appears. */
    static final Frame END = new Frame(null, null, null, null);

    static Frame snapshot(String json) {
        return new Frame("snapshot", null, json, null);
    }

    static Frame status(Long id, String json) {
        return new Frame("status", id == null ? null : id.toString(), json, null);
    }
}
