package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractViolation;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

/**
 * SmallRye's deserialization failure handler of the incoming channels ({@code value-deserialization-failure-handler}):
 * a record that breaks its contract becomes a {@link ConsumedRecord} carrying the violation, so that it reaches the
 * channel like any other record and is dead-lettered at stage {@code consume} by {@link DeadLetterStrategy}.
 */
@ApplicationScoped
@Identifier(ContractBreaches.NAME)
public class ContractBreaches implements DeserializationFailureHandler<ConsumedRecord> {

    public static final String NAME = "contract-breach";

    /**
     * Overridden rather than {@code handleDeserializationFailure}: the default adds {@code deserialization-failure-*}
     * headers to the record, and a dead letter must carry the record's own headers only.
     */
    @Override
    public ConsumedRecord decorateDeserialization(Uni<ConsumedRecord> deserialization, String topic, boolean isKey,
            String deserializer, byte[] data, Headers headers) {
        return deserialization.onFailure().recoverWithItem(failure -> ConsumedRecord.breach(violation(topic, failure), data))
                .await().indefinitely();
    }

    private static ContractViolation violation(String topic, Throwable failure) {
        return failure instanceof ContractViolation violation ? violation
                : new ContractViolation(topic, "cannot decode: " + failure, "");
    }
}
