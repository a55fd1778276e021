package com.hartomat.dispatch.lifecycle;

/** A render event names a job dispatch never created: the record goes to the dead-letter topic as {@code unknown_job}. */
public final class UnknownJob extends RuntimeException {

    public static final String REASON = "unknown_job";

    public UnknownJob(String jobId) {
        super(REASON + ": no render job '" + jobId + "' was dispatched");
    }
}
