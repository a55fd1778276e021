package com.hartomat.contracts.codec;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer that validates every message against its topic's schema before it is sent. */
public class ContractSerializer implements Serializer<Object> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, Object message) {
        if (message == null) {
            return null;
        }
        TopicContract contract = Topics.byName(topic)
                .orElseThrow(() -> new ContractViolation(topic, "no contract for this topic", ""));
        return contract.encode(message);
    }
}
