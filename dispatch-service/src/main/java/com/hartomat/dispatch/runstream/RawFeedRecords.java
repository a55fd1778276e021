package com.hartomat.dispatch.runstream;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

/**
 * The live feed's deserialization failure handler, in place of the consumers' shared one (which turns records into
 * dead-letter candidates): the feed takes raw bytes, so only a broken read fails here, and that record is skipped
 * (null) rather than dead-lettered, since every replica reads every feed record.
 */
@ApplicationScoped
@Identifier(RawFeedRecords.NAME)
public class RawFeedRecords implements DeserializationFailureHandler<byte[]> {

    public static final String NAME = "run-status-feed-raw";

    @Override
    public byte[] decorateDeserialization(Uni<byte[]> deserialization, String topic, boolean isKey, String deserializer,
            byte[] data, Headers headers) {
        return deserialization.onFailure().recoverWithNull().await().indefinitely();
    }
}
