package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The contracts' validating deserializer, keeping the value's bytes next to the decoded message. A record that breaks
 * its contract throws {@code ContractViolation} here; {@link ContractBreaches} turns that into a payload.
 */
public class ConsumedRecordDeserializer implements Deserializer<ConsumedRecord> {

    private final ContractDeserializer contract = new ContractDeserializer();

    @Override
    public ConsumedRecord deserialize(String topic, byte[] data) {
        return ConsumedRecord.decoded(contract.deserialize(topic, data), data);
    }
}
