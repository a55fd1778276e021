package com.hartomat.dispatch.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.Failure;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Progress;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.dispatch.lifecycle.UnknownJob;
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
import org.apache.kafka.common.header.Header;
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
 * partitions their records, per-partition order holds, a consumer the group dropped keeps consuming, and records that
 * break their contract or whose handling fails go to the dead-letter topic unchanged, with the {@code x-dlq-*} headers.
 */
@QuarkusTest
class ConsumerTransportTest {

    static final int REGISTRY_PARTITIONS = 3;
    static final int RENDER_EVENT_PARTITIONS = 6;

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

    @Test
    void renderEventsOfAJobAreHandedOverInTheOrderTheyWereSentWhileOtherJobsGoOn() throws Exception {
        String job = Fixtures.id();
        List<RenderEvent> events = List.of(renderEvent(job, RenderEventType.ACCEPTED), renderEvent(job, RenderEventType.STARTED),
                renderEvent(job, RenderEventType.PROGRESS), renderEvent(job, RenderEventType.PROGRESS),
                renderEvent(job, RenderEventType.COMPLETED));
        ScriptedInboundHandlers.unreachableFor(events.get(1).eventId(), 1);
        // jobs no dispatch created: what is tested here is the transport, not the run lifecycle, which refuses them
        ScriptedInboundHandlers.absorb(job);
        List<RenderEvent> others = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            others.add(renderEvent(Fixtures.id(), RenderEventType.STARTED));
            ScriptedInboundHandlers.absorb(others.get(i).jobId());
        }
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i < events.size()) {
                burst.add(renderEventRecord(events.get(i)));
            }
            burst.add(renderEventRecord(others.get(i)));
        }
        send(burst);

        List<String> sent = events.stream().map(RenderEvent::eventId).toList();
        List<String> all = new ArrayList<>(sent);
        others.forEach(e -> all.add(e.eventId()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ScriptedInboundHandlers.handled().containsAll(all));
        assertEquals(sent, ScriptedInboundHandlers.handled().stream().filter(sent::contains).toList());
    }

    @Test
    void aRenderEventForAJobDispatchNeverCreatedIsDeadLetteredAsUnknownJob() throws Exception {
        String job = Fixtures.id();
        ScriptedInboundHandlers.failWith(job, () -> new UnknownJob(job));
        ProducerRecord<String, byte[]> record = renderEventRecord(renderEvent(job, RenderEventType.COMPLETED));
        record.headers().add("x-hartomat-replayed", "true".getBytes(StandardCharsets.UTF_8));
        send(List.of(record));

        ConsumerRecord<String, byte[]> dead = deadLetter("render.events.v1.dlq", job);
        assertUnchanged(record, dead);
        assertEquals(UnknownJob.REASON, header(dead, DeadLetterHeaders.REASON));
        assertEquals("", header(dead, DeadLetterHeaders.PATH));
        assertEquals(DeadLetterHeaders.STAGE_PROCESS, header(dead, DeadLetterHeaders.STAGE));
        assertEquals("render.events.v1", header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals(Integer.toString(partitionOf(job, RENDER_EVENT_PARTITIONS)), header(dead, DeadLetterHeaders.SOURCE_PARTITION));
        assertTrue(Long.parseLong(header(dead, DeadLetterHeaders.SOURCE_OFFSET)) >= 0);
        assertNotNull(Instant.parse(header(dead, DeadLetterHeaders.FAILED_AT)));
        assertEquals("true", header(dead, "x-hartomat-replayed"));
    }

    @Test
    void aHandlingFailureIsDeadLetteredAtStageProcessWithTheExceptionText() throws Exception {
        RenderEvent event = renderEvent(Fixtures.id(), RenderEventType.FAILED);
        ScriptedInboundHandlers.failWith(event.eventId(), () -> new IllegalStateException("node result row refused"));
        ProducerRecord<String, byte[]> record = renderEventRecord(event);
        send(List.of(record));

        ConsumerRecord<String, byte[]> dead = deadLetter("render.events.v1.dlq", event.jobId());
        assertUnchanged(record, dead);
        assertEquals("IllegalStateException: node result row refused", header(dead, DeadLetterHeaders.REASON));
        assertEquals(DeadLetterHeaders.STAGE_PROCESS, header(dead, DeadLetterHeaders.STAGE));
        assertEquals(1, ScriptedInboundHandlers.attempts(event.eventId()), "a handling failure is not retried");
    }

    @Test
    void aRenderEventThatBreaksItsContractIsDeadLetteredAtStageConsumeWithTheSchemasReasonAndPath() throws Exception {
        RenderEvent event = renderEvent(Fixtures.id(), RenderEventType.PROGRESS);
        ObjectNode tree = Fixtures.JSON.readValue(Topics.RENDER_EVENTS.encode(event), ObjectNode.class);
        tree.put("attempt", "second");
        byte[] invalid = Fixtures.JSON.writeValueAsBytes(tree);
        ContractViolation expected = assertThrows(ContractViolation.class, () -> Topics.RENDER_EVENTS.decode(invalid));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("render.events.v1", event.jobId(), invalid);
        String tombstoneKey = Fixtures.id();
        ProducerRecord<String, byte[]> tombstone = new ProducerRecord<>("render.events.v1", tombstoneKey, null);
        send(List.of(record, tombstone));

        ConsumerRecord<String, byte[]> dead = deadLetter("render.events.v1.dlq", event.jobId());
        assertUnchanged(record, dead);
        assertEquals(expected.reason(), header(dead, DeadLetterHeaders.REASON));
        assertEquals("/attempt", header(dead, DeadLetterHeaders.PATH));
        assertEquals(DeadLetterHeaders.STAGE_CONSUME, header(dead, DeadLetterHeaders.STAGE));
        assertEquals(0, ScriptedInboundHandlers.attempts(event.eventId()), "never handed to the run lifecycle");

        ConsumerRecord<String, byte[]> deadTombstone = deadLetter("render.events.v1.dlq", tombstoneKey);
        assertEquals(null, deadTombstone.value());
        assertEquals("message has no value", header(deadTombstone, DeadLetterHeaders.REASON));
        assertEquals(DeadLetterHeaders.STAGE_CONSUME, header(deadTombstone, DeadLetterHeaders.STAGE));
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

    static RenderEvent renderEvent(String jobId, RenderEventType type) {
        return new RenderEvent(Fixtures.id(), jobId, type, JobType.STILL, ExecutionMode.GRAPH, Fixtures.id(), "render",
                RenderContext.orderLine(Fixtures.id(), Fixtures.id(), Fixtures.id(), Fixtures.id(), null), "worker-test", 1,
                Instant.now(), Publication.legacy(),
                type == RenderEventType.PROGRESS ? new Progress(null, null, 50.0, "render") : null, List.of(), null, null,
                type == RenderEventType.FAILED ? new Failure(FailureCode.WORKER_ERROR, "render crashed", false, "") : null);
    }

    static ProducerRecord<String, byte[]> renderEventRecord(RenderEvent event) {
        return new ProducerRecord<>(Topics.RENDER_EVENTS.topic(), event.jobId(), Topics.RENDER_EVENTS.encode(event));
    }

    static ConsumerRecord<String, byte[]> deadLetter(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> dead = com.hartomat.dispatch.support.Topics.read(topic, key, 1,
                Duration.ofSeconds(30));
        // dead-lettering is at least once: a rebalance (another test removes the group's members) may redeliver a
        // record whose offset was not committed yet, and every copy must be the same dead letter
        assertFalse(dead.isEmpty(), "no dead letter keyed " + key + " on " + topic);
        for (ConsumerRecord<String, byte[]> copy : dead) {
            assertArrayEquals(dead.get(0).value(), copy.value(), "copies of one dead letter differ");
        }
        return dead.get(0);
    }

    /** Same key and value bytes, the original headers first, then only {@code x-dlq-*} headers. */
    static void assertUnchanged(ProducerRecord<String, byte[]> sent, ConsumerRecord<String, byte[]> dead) {
        assertEquals(sent.key(), dead.key());
        assertArrayEquals(sent.value(), dead.value());
        List<String> original = new ArrayList<>();
        sent.headers().forEach(h -> original.add(h.key()));
        List<String> added = new ArrayList<>();
        for (Header h : dead.headers()) {
            added.add(h.key());
        }
        assertEquals(original, added.subList(0, original.size()));
        assertEquals(List.of(), added.subList(original.size(), added.size()).stream()
                .filter(k -> !k.startsWith("x-dlq-")).toList(), "headers besides the original ones and x-dlq-*");
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String groupId() {
        return ConfigProvider.getConfig().getValue("hartomat.consumers.group-id", String.class);
    }
}
