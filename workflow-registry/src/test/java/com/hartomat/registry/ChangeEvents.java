package com.hartomat.registry;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RegistryChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads registry.changes.v1 back from the real broker with a plain consumer, decoding through the topic contract. */
public final class ChangeEvents {

    private ChangeEvents() {
    }

    /**
     * The change events keyed {@code key}, in topic order, once at least {@code count} have arrived (or the patience
     * ran out: the caller's assertions then show what did arrive).
     */
    public static List<RegistryChange> forKey(String key, int count) {
        return recordsForKey(key, count).stream().map(r -> Topics.REGISTRY_CHANGES.decode(r.value())).toList();
    }

    /** As {@link #forKey}, the records themselves (with their headers). */
    public static List<ConsumerRecord<String, byte[]>> recordsForKey(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REGISTRY_CHANGES.topic()));
            long patience = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < count && System.nanoTime() < patience) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
