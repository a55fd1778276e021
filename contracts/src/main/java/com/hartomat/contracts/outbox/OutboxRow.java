package com.hartomat.contracts.outbox;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.tracing.TraceHeaders;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A validated message ready to be written to the outbox table. */
public record OutboxRow(String topic, String key, String payload, String headersJson) {

    static final String INSERT_SQL =
            "INSERT INTO outbox (topic, message_key, payload, headers) VALUES (?, ?, ?, CAST(? AS jsonb))";

    /**
     * Encodes (and so validates) the message now: an invalid message fails the caller's transaction. The current
     * trace context goes into the row's headers ({@link TraceHeaders}), so the record the relay sends later continues
     * the trace of the request or message that wrote the row.
     */
    public static <T> OutboxRow of(TopicContract<T> contract, String key, T message, Map<String, String> headers) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("outbox messages need a key (topic " + contract.topic() + ")");
        }
        return encoded(contract.topic(), key, new String(contract.encode(message), StandardCharsets.UTF_8), headers);
    }

    /**
     * A row for a payload encoded (and validated) earlier, e.g. a recorded event sent again unchanged; like
     * {@link #of(TopicContract, String, Object, Map)} it carries the current trace context.
     */
    public static OutboxRow encoded(String topic, String key, String payload, Map<String, String> headers) {
        Map<String, String> all = TraceHeaders.withCurrentContext(headers);
        if (all.isEmpty()) {
            return new OutboxRow(topic, key, payload, "{}");
        }
        try {
            return new OutboxRow(topic, key, payload, Json.mapper().writeValueAsString(all));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers not serialisable", e);
        }
    }

    public static <T> OutboxRow of(TopicContract<T> contract, String key, T message) {
        return of(contract, key, message, Map.of());
    }
}
