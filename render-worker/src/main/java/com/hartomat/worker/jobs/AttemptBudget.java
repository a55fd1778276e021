package com.hartomat.worker.jobs;

/**
 * How many attempts a job gets when they end in a worker error: an unexpected exception, not a
 * {@link JobFailure} (a bug, a broken dependency, an event the ledger cannot record). Such an attempt leaves no
 * outcome, so the delivery is tried again as a new attempt, each one a new render; once {@code maxAttempts}
 * attempts of the job ended that way it fails for good with {@code worker_error}. Attempts released at shutdown
 * or interrupted by a worker that died do not count.
 */
public record AttemptBudget(int maxAttempts) {

    /** The most characters of the last error's class and message kept in the failure message. */
    static final int ERROR_CHARS = 500;

    public AttemptBudget {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("hartomat.worker.max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** Whether the job gets no further attempt once {@code erroredAttempts} of its attempts (this one included) errored. */
    public boolean exhausted(int erroredAttempts) {
        return erroredAttempts >= maxAttempts;
    }

    /** The {@code worker_error} failure message: the attempts spent and the last error, bounded. */
    public String giveUpMessage(int erroredAttempts, int attempt, Throwable lastError) {
        return "gave up after " + erroredAttempts + " attempts ended in a worker error (max-attempts " + maxAttempts
                + "); last error, in attempt " + attempt + ": " + describe(lastError);
    }

    /** The error's class and message, at most {@value #ERROR_CHARS} characters. */
    public static String describe(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getName() + ": " + error.getMessage();
        return text.length() <= ERROR_CHARS ? text : text.substring(0, ERROR_CHARS - 1) + "…";
    }
}
