package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.deadletter.DeadLetterRouter;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The failure strategy of the incoming channels ({@code failure-strategy=hartomat-dead-letter}): a nacked record goes
 * to {@code <topic>.dlq} unchanged, with the project's {@code x-dlq-*} headers (SmallRye's own
 * {@code dead-letter-queue} strategy writes {@code dead-letter-*} headers instead), and is acknowledged only once the
 * broker has the dead letter, so its offset is never committed before. Stage {@code consume} for a record that broke
 * its contract (the schema's reason and path), {@code process} for a handling failure: the reason a
 * {@link DeadLetterReason} among its causes names (e.g. {@code unknown_job}), the exception's text otherwise.
 */
public class DeadLetterStrategy implements KafkaFailureHandler {

    public static final String NAME = "hartomat-dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetterStrategy.class);

    private final DeadLetterRouter router;

    DeadLetterStrategy(DeadLetterRouter router) {
        this.router = router;
    }

    @ApplicationScoped
    @Identifier(NAME)
    public static class Factory implements KafkaFailureHandler.Factory {

        private final String bootstrapServers;
        private volatile DeadLetterRouter router;

        public Factory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        @Override
        public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            return new DeadLetterStrategy(router());
        }

        private synchronized DeadLetterRouter router() {
            if (router == null) {
                router = new DeadLetterRouter(bootstrapServers);
            }
            return router;
        }

        @PreDestroy
        synchronized void close() {
            if (router != null) {
                router.close();
            }
        }
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        ConsumerRecord<String, byte[]> original = original(record);
        String deadLetterTopic = record.getTopic() + ".dlq";
        Rejection rejection = Rejection.of(record.getPayload(), reason);
        LOG.warnf("%s-%d@%d dead-lettered (%s): %s", record.getTopic(), record.getPartition(), record.getOffset(),
                rejection.stage(), rejection.reason());
        // DeadLetterRouter waits for the broker's acknowledgement, so it runs on a worker thread, never the event loop;
        // a broker that cannot take the dead letter is retried: the record is neither committed nor skipped meanwhile
        return Uni.createFrom().item(() -> {
            router.deadLetter(deadLetterTopic, original, rejection.reason(), rejection.path(), rejection.stage());
            return original;
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(failure -> LOG.warnf("%s-%d@%d not dead-lettered yet, retrying: %s", record.getTopic(),
                        record.getPartition(), record.getOffset(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(record::ack))
                .emitOn(record::runOnMessageContext);
    }

    /** The record as it arrived: key, value bytes and headers. */
    private static ConsumerRecord<String, byte[]> original(IncomingKafkaRecord<?, ?> record) {
        Object payload = record.getPayload();
        byte[] value = payload instanceof ConsumedRecord consumed ? consumed.raw() : null;
        Object key = record.getKey();
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(record.getTopic(), record.getPartition(),
                record.getOffset(), key == null ? null : key.toString(), value);
        record.getHeaders().forEach(header -> original.headers().add(header));
        return original;
    }

    /** Why and at which stage a record is dead-lettered. */
    public record Rejection(String reason, String path, String stage) {

        /** Stage {@code consume} only when the record itself broke its contract, whatever its handling threw. */
        public static Rejection of(Object payload, Throwable failure) {
            ContractViolation breach = payload instanceof ConsumedRecord consumed ? consumed.violation()
                    : payload == null && failure instanceof ContractViolation violation ? violation : null;
            if (breach != null) {
                return new Rejection(breach.reason(), breach.path(), DeadLetterHeaders.STAGE_CONSUME);
            }
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof DeadLetterReason named) {
                    return new Rejection(named.deadLetterReason(), "", DeadLetterHeaders.STAGE_PROCESS);
                }
            }
            return new Rejection(failure.getClass().getSimpleName() + ": " + failure.getMessage(), "",
                    DeadLetterHeaders.STAGE_PROCESS);
        }
    }
}
