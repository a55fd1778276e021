package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A job whose attempts keep ending in an unexpected exception (not a JobFailure) gets
 * {@code hartomat.worker.max-attempts} (3) attempts, then fails for good with {@code worker_error} and is
 * dead-lettered; the consumer carries on with the next job.
 */
@QuarkusTest
class AttemptCapTest extends KafkaJobsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aJobErroringInEveryAttemptFailsWithWorkerErrorAfterThreeAttemptsIsDeadLetteredAndTheNextJobRuns()
            throws Exception {
        String key = TestJobs.id("cap-key");
        String step = TestJobs.stageSampleStep();
        RenderJob poison = TestJobs.cadJob(TestJobs.id("cap"), JobType.OCC_OBJECT_EXTRACT, key, Map.of(),
                Map.of("step_path", step));
        RenderJob next = TestJobs.cadJob(TestJobs.id("after-cap"), JobType.OCC_OBJECT_EXTRACT, key, Map.of(),
                Map.of("step_path", step));
        AtomicInteger renders = ScriptedAttempts.errorInEveryAttempt(poison.jobId());

        try (KafkaConsumer<String, byte[]> dlq = deadLetterReader()) {
            kafka.send(poison);
            kafka.send(next);

            RenderEvent failed = KafkaJobs.outcome(kafka.awaitEvents(poison.jobId(),
                    events -> events.stream().anyMatch(KafkaJobs::isOutcome), Duration.ofSeconds(90)));
            assertEquals(RenderEventType.FAILED, failed.eventType());
            assertEquals(FailureCode.WORKER_ERROR, failed.failure().code());
            assertFalse(failed.failure().retryable());
            assertEquals(3, failed.attempt());
            String message = failed.failure().message();
            assertTrue(message.contains("3 attempts"), message);
            assertTrue(message.contains("IllegalStateException: scripted worker error in attempt 3"), message);

            RenderEvent after = KafkaJobs.outcome(kafka.awaitOutcome(next.jobId()));
            assertEquals(RenderEventType.COMPLETED, after.eventType(), "the next job on the same partition is processed");

            List<RenderEvent> events = kafka.drain(poison.jobId(), Duration.ofSeconds(2));
            assertEquals(1, events.stream().filter(KafkaJobs::isOutcome).count(), "one outcome: " + events);
            assertEquals(List.of(1, 2, 3), events.stream().filter(e -> e.eventType() == RenderEventType.ACCEPTED)
                    .map(RenderEvent::attempt).toList());
            assertEquals(3, renders.get(), "three attempts ran, no more");

            assertEquals(List.of("1 errored worker_error", "2 errored worker_error", "3 failed worker_error"),
                    attempts(poison.jobId()));
            assertEquals(List.of("failed", "3", failed.eventId()), job(poison.jobId()));

            ConsumerRecord<String, byte[]> dead = deadLetter(dlq, key);
            assertEquals(poison.jobId(), Topics.RENDER_JOBS.decode(dead.value()).jobId(), "the record, unchanged");
            assertEquals(DeadLetterHeaders.STAGE_PROCESS, header(dead, DeadLetterHeaders.STAGE));
            String reason = header(dead, DeadLetterHeaders.REASON);
            assertTrue(reason.contains("worker_error") && reason.contains("3 attempts"), reason);
        }
    }

    private static KafkaConsumer<String, byte[]> deadLetterReader() {
        KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaJobs.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        dlq.subscribe(List.of(Topics.RENDER_JOBS.deadLetterTopic()));
        return dlq;
    }

    /** The one dead letter with this key (fails on none or several within the wait). */
    private static ConsumerRecord<String, byte[]> deadLetter(KafkaConsumer<String, byte[]> dlq, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        Instant settle = null;
        while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
            for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(record);
                    settle = Instant.now().plusSeconds(2);
                }
            }
        }
        assertEquals(1, found.size(), "dead letters with key " + key);
        return found.get(0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<String> attempts(String jobId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT attempt, status, failure_code FROM render_worker.job_attempt WHERE job_id = ? ORDER BY attempt")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return rows;
    }

    /** The job's status, attempt count and the event id of its recorded outcome. */
    private List<String> job(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT status, attempts, outcome_event::json ->> 'event_id' FROM render_worker.render_job WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getString(1), Integer.toString(rs.getInt(2)), String.valueOf(rs.getString(3)));
            }
        }
    }
}
