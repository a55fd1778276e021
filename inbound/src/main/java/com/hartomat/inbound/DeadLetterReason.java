package com.hartomat.inbound;

/**
 * A handling failure that names its own dead-letter reason (e.g. {@code unknown_job}), instead of the exception's
 * class and text: {@link DeadLetterStrategy} finds it anywhere among a failure's causes.
 */
public interface DeadLetterReason {

    /** The stable reason written to the record's {@code x-dlq-reason} header. */
    String deadLetterReason();
}
