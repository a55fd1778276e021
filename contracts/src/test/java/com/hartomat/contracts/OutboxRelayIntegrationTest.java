package com.hartomat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.outbox.KafkaRecordSender;
import com.hartomat.contracts.outbox.OutboxRelay;
import com.hartomat.contracts.outbox.OutboxWriter;
import com.hartomat.contracts.outbox.RecordSender;
import com.hartomat.deploy.local.DatabaseCredentials;
import com.hartomat.deploy.local.LocalInfra;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The outbox against the real PostgreSQL and Kafka: written in a transaction, relayed in order, once. */
class OutboxRelayIntegrationTest {

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void createOutboxTable() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        // the outbox as a service writes it: in a schema its own role owns, logged in with that role's password
        DatabaseCredentials login = infra.postgres().credentials("dispatch");
        try (Connection admin = infra.postgres().superuserConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS outbox_test AUTHORIZATION " + login.user());
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(infra.postgres().jdbcUrl() + "?currentSchema=outbox_test");
        dataSource.setUser(login.user());
        dataSource.setPassword(login.password());
        try (Connection owner = dataSource.getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("SET search_path = outbox_test");
            try (InputStream ddl = OutboxRelayIntegrationTest.class.getResourceAsStream("/db/outbox/V0_1__outbox.sql")) {
                statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void rowsOfARolledBackTransactionAreNeverSent() throws Exception {
        String key = "rollback-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutboxWriter.append(connection, Topics.RUNS_STATUS, key, event(key, 0));
            connection.rollback();
        }
        try (OutboxRelay relay = relay(kafka())) {
            relay.relayOnce();
        }
        assertEquals(0, count("message_key = '" + key + "'"));
        assertEquals(0, KafkaTestSupport.readRecords(Topics.RUNS_STATUS.topic(), key, 1, Duration.ofSeconds(2)).size());
    }

    @Test
    void afterRelayFailuresEveryMessageArrivesOnceAndInOrderPerKey() throws Exception {
        String prefix = "outbox-" + UUID.randomUUID() + "-";
        List<String> keys = List.of(prefix + "a", prefix + "b", prefix + "c");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 5; i++) {
                for (String key : keys) {
                    OutboxWriter.append(connection, Topics.RUNS_STATUS, key, event(key, i));
                }
            }
            connection.commit();
        }

        // the first two sends fail outright, and key b's third message fails once more later
        FlakySender flaky = new FlakySender(kafka(), 2, prefix + "b", 2);
        try (OutboxRelay relay = relay(flaky)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("message_key LIKE '" + prefix + "%' AND sent_at IS NULL") > 0 && System.nanoTime() < deadline) {
                relay.relayOnce();
                Thread.sleep(20);
            }
        }
        assertTrue(flaky.failures.get() >= 3, "failures were injected: " + flaky.failures.get());
        assertEquals(0, count("message_key LIKE '" + prefix + "%' AND sent_at IS NULL"), "all rows sent (and removed)");

        List<ConsumerRecord<String, byte[]>> records =
                KafkaTestSupport.readRecords(Topics.RUNS_STATUS.topic(), prefix, 15, Duration.ofSeconds(20));
        assertEquals(15, records.size(), "each message exactly once");
        Map<String, List<String>> sequenceByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            RunStatusEvent event = Topics.RUNS_STATUS.decode(record.value());
            sequenceByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.nodeId());
        }
        for (String key : keys) {
            assertEquals(List.of("n0", "n1", "n2", "n3", "n4"), sequenceByKey.get(key), "order of " + key);
        }
    }

    @Test
    void theRunningRelayDeliversRowsOfSeparateCommitsAfterItsLinger() throws Exception {
        String key = "linger-" + UUID.randomUUID();
        try (OutboxRelay relay = new OutboxRelay(dataSource, kafka(), 100, Duration.ofSeconds(30), Duration.ofMillis(20),
                Duration.ofMillis(20))) {
            relay.start();
            for (int i = 0; i < 6; i++) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    OutboxWriter.append(connection, Topics.RUNS_STATUS, key, event(key, i));
                    connection.commit();
                }
                relay.wakeUp();
            }
            // the poll interval is 30 s, so only the wake-ups can have sent these
            List<ConsumerRecord<String, byte[]>> records =
                    KafkaTestSupport.readRecords(Topics.RUNS_STATUS.topic(), key, 6, Duration.ofSeconds(20));
            assertEquals(List.of("n0", "n1", "n2", "n3", "n4", "n5"),
                    records.stream().map(r -> Topics.RUNS_STATUS.decode(r.value()).nodeId()).toList());
        }
        assertEquals(0, count("message_key = '" + key + "' AND sent_at IS NULL"));
    }

    @Test
    void aHeldRelayLeavesCommittedRowsInTheOutboxAndSendsThemOnceTheHoldLifts() throws Exception {
        String key = "held-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutboxWriter.append(connection, Topics.RUNS_STATUS, key, event(key, 0));
            connection.commit();
        }
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (OutboxRelay relay = relay(kafka()).holdWhile(hold::get)) {
            assertEquals(0, relay.relayOnce(), "a held pass sends nothing");
            assertEquals(1, count("message_key = '" + key + "'"), "the committed row waits in the outbox");
            assertEquals(0, KafkaTestSupport.readRecords(Topics.RUNS_STATUS.topic(), key, 1, Duration.ofSeconds(2)).size());

            hold.set(false);
            assertEquals(1, relay.relayOnce(), "the hold lifted: the row is sent");
        }
        assertEquals(0, count("message_key = '" + key + "'"));
        assertEquals(1, KafkaTestSupport.readRecords(Topics.RUNS_STATUS.topic(), key, 1, Duration.ofSeconds(20)).size());
    }

    private static OutboxRelay relay(RecordSender sender) {
        return new OutboxRelay(dataSource, sender, 100, Duration.ofMillis(50), Duration.ofMillis(20));
    }

    private static KafkaRecordSender kafka() {
        return new KafkaRecordSender(LocalInfra.shared().kafka().bootstrapServers(), "outbox-test");
    }

    private static RunStatusEvent event(String runId, int sequence) {
        return new RunStatusEvent(UUID.randomUUID().toString(), runId, sequence + 1L, RunStatusEvent.SCOPE_NODE,
                "n" + sequence, "blender_still", RunStatus.QUEUED, RunStatus.PENDING, ExecutionMode.GRAPH, null, null,
                null, null, null, null, Instant.now());
    }

    private static int count(String where) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Fails the first {@code failFirst} sends, and the {@code nth} send of one key once. */
    private static final class FlakySender implements RecordSender {
        private final RecordSender delegate;
        private final AtomicInteger remaining;
        private final String flakyKey;
        private final int flakyIndex;
        private final Map<String, Integer> sendsPerKey = new HashMap<>();
        private boolean flakyFired;
        final AtomicInteger failures = new AtomicInteger();

        FlakySender(RecordSender delegate, int failFirst, String flakyKey, int flakyIndex) {
            this.delegate = delegate;
            this.remaining = new AtomicInteger(failFirst);
            this.flakyKey = flakyKey;
            this.flakyIndex = flakyIndex;
        }

        @Override
        public synchronized CompletableFuture<Void> send(String topic, String key, byte[] value, Map<String, String> headers) {
            if (remaining.getAndDecrement() > 0) {
                failures.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("injected relay failure"));
            }
            int index = sendsPerKey.merge(key, 1, Integer::sum) - 1;
            if (key.equals(flakyKey) && index == flakyIndex && !flakyFired) {
                flakyFired = true;
                failures.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("injected failure for " + key));
            }
            return delegate.send(topic, key, value, headers);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
