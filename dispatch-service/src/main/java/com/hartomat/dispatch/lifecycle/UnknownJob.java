package com.hartomat.dispatch.lifecycle;

import com.hartomat.inbound.DeadLetterReason;

/** A render event names a job dispatch never created: the record goes to the dead-letter topic as {@code unknown_job}. */
public final class UnknownJob extends RuntimeException implements DeadLetterReason {

    public static final String REASON = "unknown_job";

    public UnknownJob(String jobId) {
        super(REASON + ": no render job '" + jobId + "' was dispatched");
    }

    @Override
    public String deadLetterReason() {
        return REASON;
    }
}
