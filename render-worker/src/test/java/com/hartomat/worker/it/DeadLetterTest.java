package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadLetterTest {

    @Test
    void invalidJobsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerKeepsGoing() {
        String key = TestJobs.id("dlq-key");
        try (KafkaJobs kafka = new KafkaJobs(); KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaJobs.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            dlq.subscribe(List.of(Topics.RENDER_JOBS.deadLetterTopic()));

            kafka.sendRaw(key, "{not json".getBytes(StandardCharsets.UTF_8));
            kafka.sendRaw(key, "{\"job_id\":\"x\",\"job_type\":\"paint\"}".getBytes(StandardCharsets.UTF_8));
            RenderJob valid = TestJobs.cadJob(TestJobs.id("after-dlq"), JobType.OCC_OBJECT_EXTRACT, key, Map.of(),
                    Map.of("step_path", TestJobs.stageSampleStep()));
            kafka.send(valid);

            Map<String, String> reasons = new HashMap<>();
            Instant deadline = Instant.now().plusSeconds(120);
            while (reasons.size() < 2 && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        reasons.put(new String(record.value(), StandardCharsets.UTF_8),
                                new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertEquals(2, reasons.size(), "both invalid records dead-lettered: " + reasons);
            assertTrue(reasons.get("{not json").contains("malformed JSON"), reasons.toString());
            assertTrue(reasons.values().stream().anyMatch(r -> r.contains("required") || r.contains("paint")), reasons.toString());

            RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(valid.jobId()));
            assertEquals(RenderEventType.COMPLETED, done.eventType(), "the next valid job on the same partition is processed");
        }
    }
}
