package com.hartomat.contracts.codec;

/**
 * A message that does not satisfy its topic's schema (or is not JSON at all). Carries the topic, a
 * human reason and the JSON pointer of the first offending value ({@code ""} for the document).
 */
public class ContractViolation extends RuntimeException {

    private final String topic;
    private final String reason;
    private final String path;

    public ContractViolation(String topic, String reason, String path) {
        super(topic + ": " + reason + (path.isEmpty() ? "" : " at " + path));
        this.topic = topic;
        this.reason = reason;
        this.path = path;
    }

    public String topic() {
        return topic;
    }

    public String reason() {
        return reason;
    }

    public String path() {
        return path;
    }
}
