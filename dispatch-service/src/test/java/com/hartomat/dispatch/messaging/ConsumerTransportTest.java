package com.hartomat.dispatch.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.ScriptedInboundHandlers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
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
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumers as transport, whatever implements them: a partition waiting for the database does not cost the other
 * partitions their records, per-partition order holds, and a consumer the group dropped keeps consuming.
 */
@QuarkusTest
class ConsumerTransportTest {

    static final int REGISTRY_PARTITIONS = 3;

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @Test
    void otherPartitionsKeepTheirRecordsWhileOnePartitionWaitsForTheDatabase() throws Exception {
        // six entities per partition; the first of each finds the database unreachable twice, then succeeds
        Map<Integer, List<String>> byPartition = idsPerPartition(REGISTRY_PARTITIONS, 6);
        byPartition.values().forEach(ids -> ScriptedInboundHandlers.unreachableFor(ids.get(0), 2));

        // one burst, so that a poll returns records of several partitions behind a record that fails
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (List<String> ids : byPartition.values()) {
                burst.add(materialChange(ids.get(i)));
            }
        }
        send(burst);
        // afterwards one more record per partition: a loop that skipped records commits past them here
        Map<Integer, List<String>> trailing = idsPerPartition(REGISTRY_PARTITIONS, 1);
        send(trailing.values().stream().map(ids -> materialChange(ids.get(0))).toList());

        List<String> all = new ArrayList<>();
        byPartition.values().forEach(all::addAll);
        trailing.values().forEach(all::addAll);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(
                List.of(), all.stream().filter(id -> fx.version(RegistryChange.MATERIAL, id) != 1).toList(),
                "entities whose change was never applied"));

        List<String> handled = ScriptedInboundHandlers.handled();
        for (List<String> ids : byPartition.values()) {
            assertTrue(ScriptedInboundHandlers.attempts(ids.get(0)) >= 3, "retried until the database answered");
            assertEquals(ids, handled.stream().filter(ids::contains).toList(), "handled in partition order");
        }
        Set<String> blockers = new HashSet<>();
        byPartition.values().forEach(ids -> blockers.add(ids.get(0)));
        assertEquals(List.of(), deadLettered("registry.changes.v1.dlq", blockers), "database outages are not dead-lettered");
    }

    @Test
    void aConsumerTheGroupDroppedWhileItWasHandlingARecordKeepsConsuming() throws Exception {
        String held = Fixtures.id();
        ScriptedInboundHandlers.hold(held);
        send(List.of(materialChange(held)));
        await().atMost(Duration.ofSeconds(20)).until(() -> ScriptedInboundHandlers.attempts(held) > 0);

        // as after a session timeout: the coordinator forgets the members, so their next commit is refused
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.removeMembersFromConsumerGroup(groupId(), new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(20, TimeUnit.SECONDS);
        }
        ScriptedInboundHandlers.release(held);

        String after = Fixtures.id();
        send(List.of(materialChange(after)));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> fx.version(RegistryChange.MATERIAL, after) == 1);
        assertEquals(1L, fx.version(RegistryChange.MATERIAL, held));
    }

    static Map<Integer, List<String>> idsPerPartition(int partitions, int perPartition) {
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.put(p, new ArrayList<>());
        }
        while (byPartition.values().stream().anyMatch(ids -> ids.size() < perPartition)) {
            String id = UUID.randomUUID().toString();
            List<String> ids = byPartition.get(partitionOf(id, partitions));
            if (ids.size() < perPartition) {
                ids.add(id);
            }
        }
        return byPartition;
    }

    /** The producer's default partitioner for a keyed record. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static ProducerRecord<String, byte[]> materialChange(String id) {
        RegistryChange change = new RegistryChange(Fixtures.id(), RegistryChange.MATERIAL, id, RegistryChange.UPSERT, 1,
                Instant.now(), Map.of("id", id, "name", "Material " + id.substring(0, 8)));
        return new ProducerRecord<>(Topics.REGISTRY_CHANGES.topic(), id, Topics.REGISTRY_CHANGES.encode(change));
    }

    /** Sends the records as one batch per partition, all in one produce request. */
    static void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1000), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Keys among {@code keys} found on the dead-letter topic within a few seconds. */
    static List<String> deadLettered(String topic, Set<String> keys) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dispatch-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.add(r.key());
                    }
                }
            }
        }
        return found;
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String groupId() {
        return ConfigProvider.getConfig().getValue("hartomat.consumers.group-id", String.class);
    }
}
