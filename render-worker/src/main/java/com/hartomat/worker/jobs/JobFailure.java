package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.FailureCode;

/** A job that cannot complete, with its stable code, a human message, whether a retry can help and the log tail. */
public class JobFailure extends RuntimeException {

    private final FailureCode code;
    private final boolean retryable;
    private final String logTail;

    public JobFailure(FailureCode code, String message, boolean retryable, String logTail) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.logTail = logTail;
    }

    public static JobFailure invalid(String message) {
        return new JobFailure(FailureCode.INVALID_JOB, message, false, null);
    }

    public static JobFailure missing(String message) {
        return new JobFailure(FailureCode.INPUT_MISSING, message, false, null);
    }

    public FailureCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public String logTail() {
        return logTail;
    }

    public JobFailure withLogTail(String tail) {
        return logTail != null ? this : new JobFailure(code, getMessage(), retryable, tail);
    }
}
