package com.hartomat.contracts.deadletter;

import com.hartomat.contracts.kafka.KafkaSecuritySettings;
import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.TopicContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Decodes consumed records against their topic contract and routes the ones that break it (or whose
 * handling failed) to {@code <topic>.dlq}, with the reason and JSON path in headers. The dead letter
 * is acknowledged by the broker before this returns, so the caller may then commit the offset: a bad
 * record never stops a consumer and is never silently dropped.
 */
public final class DeadLetterRouter implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    public DeadLetterRouter(String bootstrapServers) {
        this(new KafkaProducer<>(withSecurity(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "dead-letters")),
                new StringSerializer(), new ByteArraySerializer()));
    }

    /** SASL/TLS of the service's Kafka user (Kubernetes), if configured. */
    private static Map<String, Object> withSecurity(Map<String, Object> config) {
        Map<String, Object> all = new java.util.HashMap<>(config);
        all.putAll(KafkaSecuritySettings.fromConfig());
        return all;
    }

    public DeadLetterRouter(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** The decoded message, or empty when the record broke its contract and went to the dead-letter topic. */
    public <T> Optional<T> decodeOrDeadLetter(TopicContract<T> contract, ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(contract.decode(record.value()));
        } catch (ContractViolation violation) {
            deadLetter(contract.deadLetterTopic(), record, violation.reason(), violation.path(),
                    DeadLetterHeaders.STAGE_CONSUME);
            return Optional.empty();
        }
    }

    /** Sends the record unchanged to {@code deadLetterTopic} and waits for the broker's acknowledgement. */
    public void deadLetter(String deadLetterTopic, ConsumerRecord<String, byte[]> record, String reason, String path,
            String stage) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers()
                .add(DeadLetterHeaders.REASON, utf8(reason == null ? "unknown" : reason))
                .add(DeadLetterHeaders.PATH, utf8(path == null ? "" : path))
                .add(DeadLetterHeaders.STAGE, utf8(stage))
                .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()))
                .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())))
                .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())))
                .add(DeadLetterHeaders.FAILED_AT, utf8(Instant.now().toString()));
        try {
            producer.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset()
                    + " to " + deadLetterTopic, e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
