package com.hartomat.contracts.deadletter;

/** Headers a dead-lettered record carries, besides its original key, value and headers. */
public final class DeadLetterHeaders {

    /** Why the record was rejected, in words. */
    public static final String REASON = "x-dlq-reason";
    /** JSON pointer of the offending value ({@code ""} for the whole document). */
    public static final String PATH = "x-dlq-path";
    /** {@code consume} (the record broke its contract) or {@code process} (handling it failed). */
    public static final String STAGE = "x-dlq-stage";
    public static final String SOURCE_TOPIC = "x-dlq-source-topic";
    public static final String SOURCE_PARTITION = "x-dlq-source-partition";
    public static final String SOURCE_OFFSET = "x-dlq-source-offset";
    public static final String FAILED_AT = "x-dlq-failed-at";

    public static final String STAGE_CONSUME = "consume";
    public static final String STAGE_PROCESS = "process";

    private DeadLetterHeaders() {
    }
}
