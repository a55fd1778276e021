package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.messages.RunStatusEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The live feed's own deserialization failure handler: a {@code runs.status.v1} record that breaks its contract
 * reaches {@link RunStatusFeed} as null and is skipped there. The service's consumers dead-letter such records, but
 * every replica reads every feed record, so the feed must not (each replica would dead-letter it once more).
 */
@ApplicationScoped
@Identifier(RunStatusFeedBreaches.NAME)
public class RunStatusFeedBreaches implements DeserializationFailureHandler<RunStatusEvent> {

    public static final String NAME = "run-status-feed-breach";

    private static final Logger LOG = Logger.getLogger(RunStatusFeedBreaches.class);

    @Override
    public RunStatusEvent decorateDeserialization(Uni<RunStatusEvent> deserialization, String topic, boolean isKey,
            String deserializer, byte[] data, Headers headers) {
        return deserialization.onFailure().recoverWithItem(failure -> {
            LOG.warnf("a %s record breaks its contract and is skipped by the live feed: %s", topic, failure.getMessage());
            return null;
        }).await().indefinitely();
    }
}
