package com.hartomat.contracts.codec;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that validates every message against its topic's schema. A violation surfaces
 * as {@link ContractViolation}; consumers that must never stop use {@code DeadLetters} instead,
 * which routes the record to the dead-letter topic.
 */
public class ContractDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        TopicContract<?> contract = Topics.byName(topic)
                .orElseThrow(() -> new ContractViolation(topic, "no contract for this topic", ""));
        return contract.decode(data);
    }
}
