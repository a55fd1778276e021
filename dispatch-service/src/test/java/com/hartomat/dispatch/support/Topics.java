package com.hartomat.dispatch.support;

import com.hartomat.contracts.codec.TopicContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Produces to and reads back from the real Kafka broker the application under test uses. */
public final class Topics {

    private static KafkaProducer<String, byte[]> producer;

    private Topics() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static synchronized void produce(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    public static <T> void produce(TopicContract<T> contract, String key, T message) {
        produce(contract.topic(), key, contract.encode(message));
    }

    /** With record headers, e.g. the W3C {@code traceparent} a render worker sends its events with. */
    public static synchronized <T> void produce(TopicContract<T> contract, String key, T message,
            Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(contract.topic(), key, contract.encode(message));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + contract.topic(), e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group until {@code expected} records with
     * {@code key} arrived (or the wait ends), and returns them in order.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, String key, int expected, Duration wait) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dispatch-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(wait);
            while (Instant.now().isBefore(deadline) && found.size() < expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    public static <T> List<T> decoded(TopicContract<T> contract, String key, int expected) {
        return read(contract.topic(), key, expected, Duration.ofSeconds(20)).stream()
                .map(r -> contract.decode(r.value())).toList();
    }

    /** Reads for a short while and returns every record with the key: for asserting that nothing was sent. */
    public static <T> List<T> settled(TopicContract<T> contract, String key) {
        return read(contract.topic(), key, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .map(r -> contract.decode(r.value())).toList();
    }
}
