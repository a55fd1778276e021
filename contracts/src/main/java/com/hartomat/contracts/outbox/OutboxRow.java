package com.hartomat.contracts.outbox;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.TopicContract;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A validated message ready to be written to the outbox table. */
public record OutboxRow(String topic, String key, String payload, String headersJson) {

    static final String INSERT_SQL =
            "INSERT INTO outbox (topic, message_key, payload, headers) VALUES (?, ?, ?, CAST(? AS jsonb))";

    /** Encodes (and so validates) the message now: an invalid message fails the caller's transaction. */
    public static <T> OutboxRow of(TopicContract<T> contract, String key, T message, Map<String, String> headers) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("outbox messages need a key (topic " + contract.topic() + ")");
        }
        String payload = new String(contract.encode(message), StandardCharsets.UTF_8);
        if (headers.isEmpty()) {
            return new OutboxRow(contract.topic(), key, payload, "{}");
        }
        try {
            return new OutboxRow(contract.topic(), key, payload, Json.mapper().writeValueAsString(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers not serialisable", e);
        }
    }

    public static <T> OutboxRow of(TopicContract<T> contract, String key, T message) {
        return of(contract, key, message, Map.of());
    }
}
