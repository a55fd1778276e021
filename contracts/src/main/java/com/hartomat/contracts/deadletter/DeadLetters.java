package com.hartomat.contracts.deadletter;

import com.hartomat.contracts.codec.TopicContract;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@link DeadLetterRouter} of a Quarkus service, on the service's own Kafka bootstrap address. */
@ApplicationScoped
public class DeadLetters {

    private final String bootstrapServers;
    private volatile DeadLetterRouter router;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public <T> Optional<T> decodeOrDeadLetter(TopicContract<T> contract, ConsumerRecord<String, byte[]> record) {
        return router().decodeOrDeadLetter(contract, record);
    }

    /** Routes a record whose handling failed (not its shape) to the topic's dead-letter topic. */
    public void processingFailed(TopicContract<?> contract, ConsumerRecord<String, byte[]> record, Throwable cause) {
        processingFailed(contract, record, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Routes a record whose handling failed to the topic's dead-letter topic, with the reason in words. */
    public void processingFailed(TopicContract<?> contract, ConsumerRecord<String, byte[]> record, String reason) {
        router().deadLetter(contract.deadLetterTopic(), record, reason, "", DeadLetterHeaders.STAGE_PROCESS);
    }

    private DeadLetterRouter router() {
        DeadLetterRouter current = router;
        if (current == null) {
            synchronized (this) {
                if (router == null) {
                    router = new DeadLetterRouter(bootstrapServers);
                }
                current = router;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (router != null) {
            router.close();
        }
    }
}
