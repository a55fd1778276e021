package com.hartomat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.ContractDeserializer;
import com.hartomat.contracts.codec.ContractSerializer;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.deadletter.DeadLetterRouter;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.deploy.local.LocalInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Messages through the real broker: a validated round trip, and an invalid record on the dead-letter topic. */
class KafkaContractsIntegrationTest {

    private static final String BOOTSTRAP = LocalInfra.shared().kafka().bootstrapServers();

    @Test
    void aRenderJobSurvivesARoundTripThroughTheBroker() throws Exception {
        String key = "roundtrip-" + UUID.randomUUID();
        RenderJob job = RenderJob.of("job-" + UUID.randomUUID(), JobType.STILL,
                "app.domains.rendering.tasks.render_order_line_still_task", ExecutionMode.SHADOW, null, "run-1",
                "render", "wf-1", RenderContext.orderLine(key, "p", "o", "ot", "cad"), Map.of("width", 64),
                Map.of(), new Publication(false, false, List.of(), false, false, "shadow-1a2b3c4d", false, List.of()),
                600, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP), new StringSerializer(), new ContractSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RENDER_JOBS.topic(), key, job)).get(10, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, byte[]>> records =
                KafkaTestSupport.readRecords(Topics.RENDER_JOBS.topic(), key, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size());
        Object decoded = new ContractDeserializer().deserialize(Topics.RENDER_JOBS.topic(), records.get(0).value());
        assertEquals(job, decoded);
    }

    @Test
    void anInvalidRecordLandsOnTheDeadLetterTopicWithReasonAndPath() throws Exception {
        String key = "invalid-" + UUID.randomUUID();
        byte[] broken = ("{\"job_id\":\"j1\",\"job_type\":\"paint\"}").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RENDER_JOBS.topic(), key, broken)).get(10, TimeUnit.SECONDS);
        }
        ConsumerRecord<String, byte[]> consumed =
                KafkaTestSupport.readRecords(Topics.RENDER_JOBS.topic(), key, 1, Duration.ofSeconds(20)).get(0);

        Optional<RenderJob> decoded;
        try (DeadLetterRouter router = new DeadLetterRouter(BOOTSTRAP)) {
            decoded = router.decodeOrDeadLetter(Topics.RENDER_JOBS, consumed);
        }
        assertTrue(decoded.isEmpty(), "an invalid record is not handed to the consumer");

        List<ConsumerRecord<String, byte[]>> dead =
                KafkaTestSupport.readRecords(Topics.RENDER_JOBS.deadLetterTopic(), key, 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertEquals(new String(broken, StandardCharsets.UTF_8), new String(letter.value(), StandardCharsets.UTF_8));
        String reason = header(letter, DeadLetterHeaders.REASON);
        // the most specific violation is reported: the unknown job type, not the missing fields around it
        assertTrue(reason.contains("does not have a value in the enumeration"), reason);
        assertEquals("/job_type", header(letter, DeadLetterHeaders.PATH));
        assertEquals(Topics.RENDER_JOBS.topic(), header(letter, DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals(Long.toString(consumed.offset()), header(letter, DeadLetterHeaders.SOURCE_OFFSET));
        assertEquals(DeadLetterHeaders.STAGE_CONSUME, header(letter, DeadLetterHeaders.STAGE));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
