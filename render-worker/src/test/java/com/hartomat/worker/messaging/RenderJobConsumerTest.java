package com.hartomat.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetters;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.it.TestJobs;
import com.hartomat.worker.jobs.JobProcessor;
import com.hartomat.worker.status.ConsumerReadinessCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop against Kafka's MockConsumer, for what a real broker cannot be made to do on cue: a poll or
 * commit that throws, a consumer that cannot be created, a thread killed by an Error.
 */
class RenderJobConsumerTest {

    static final TopicPartition P0 = new TopicPartition(Topics.RENDER_JOBS.topic(), 0);

    /** Decodes like the real one; remembers what would have gone to the dead-letter topic. */
    static final class RecordedDeadLetters extends DeadLetters {
        final List<String> processingFailures = new CopyOnWriteArrayList<>();

        RecordedDeadLetters() {
            super("unused:9092");
        }

        @Override
        public <T> Optional<T> decodeOrDeadLetter(TopicContract<T> contract, ConsumerRecord<String, byte[]> record) {
            return Optional.of(contract.decode(record.value()));
        }

        @Override
        public void processingFailed(TopicContract<?> contract, ConsumerRecord<String, byte[]> record, String reason) {
            processingFailures.add(record.offset() + " " + reason);
        }
    }

    /** A MockConsumer whose first {@code failures} commits time out. */
    static final class FlakyCommits extends MockConsumer<String, byte[]> {
        final AtomicInteger failures;

        FlakyCommits(int failures) {
            super("earliest");
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (failures.getAndDecrement() > 0) {
                throw new TimeoutException("commit timed out (scripted)");
            }
            super.commitSync(offsets);
        }
    }

    final RecordedDeadLetters deadLetters = new RecordedDeadLetters();
    final List<String> handled = new CopyOnWriteArrayList<>();
    RenderJobConsumer consumer;

    @AfterEach
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
        }
    }

    @Test
    void aPollThatThrowsIsRetriedWhileTheConsumerReportsNotConsumingAndTheNextRecordIsHandled() {
        MockConsumer<String, byte[]> mock = new MockConsumer<>("earliest");
        AtomicReference<ConsumerState.Snapshot> afterFailure = new AtomicReference<>();
        mock.schedulePollTask(() -> {
            assign(mock);
            mock.setPollException(new KafkaException("broker hiccup (scripted)"));
        });
        mock.schedulePollTask(() -> {
            afterFailure.set(consumer.state());
            mock.addRecord(record(0, job("after-hiccup")));
        });
        consumer = start(() -> mock, completed());

        await(() -> committed(mock) == 1);

        assertEquals(List.of("after-hiccup"), handled);
        assertFalse(afterFailure.get().consuming());
        assertTrue(afterFailure.get().reason().contains("broker hiccup (scripted)"), afterFailure.get().reason());
        await(() -> consumer.state().consuming());
    }

    @Test
    void aFailedCommitIsRetriedWithTheSameOffsets() {
        FlakyCommits mock = new FlakyCommits(2);
        mock.schedulePollTask(() -> {
            assign(mock);
            mock.addRecord(record(0, job("commit-later")));
        });
        consumer = start(() -> mock, completed());

        await(() -> committed(mock) == 1);

        assertEquals(-1, mock.failures.get(), "two commits failed, the third went through");
        assertEquals(List.of("commit-later"), handled);
    }

    @Test
    void aConsumerThatCannotBeCreatedIsCreatedAgainAfterABackOff() {
        MockConsumer<String, byte[]> mock = new MockConsumer<>("earliest");
        mock.schedulePollTask(() -> {
            assign(mock);
            mock.addRecord(record(0, job("second-consumer")));
        });
        AtomicInteger created = new AtomicInteger();
        consumer = start(() -> {
            if (created.incrementAndGet() == 1) {
                throw new KafkaException("no resolvable bootstrap urls (scripted)");
            }
            return mock;
        }, completed());

        await(() -> committed(mock) == 1);

        assertEquals(2, created.get());
        assertEquals(List.of("second-consumer"), handled);
    }

    @Test
    void anErrorEndsTheConsumerThreadAndReadinessGoesDownWithTheReason() {
        MockConsumer<String, byte[]> mock = new MockConsumer<>("earliest");
        mock.schedulePollTask(() -> assign(mock));
        mock.schedulePollTask(() -> {
            throw new LinkageError("scripted error out of poll");
        });
        consumer = start(() -> mock, completed());

        await(() -> consumer.state().reason() != null && consumer.state().reason().startsWith("consumer thread ended"));

        assertEquals("consumer thread ended: java.lang.LinkageError: scripted error out of poll", consumer.state().reason());
        HealthCheckResponse readiness = ConsumerReadinessCheck.of(true, consumer.state());
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.getStatus());
        assertEquals(consumer.state().reason(), readiness.getData().orElseThrow().get("reason"));
        assertTrue(mock.closed(), "the dead consumer left the group");
    }

    @Test
    void aGivenUpJobIsDeadLetteredWithItsReasonAndItsOffsetCommitted() {
        MockConsumer<String, byte[]> mock = new MockConsumer<>("earliest");
        mock.setMaxPollRecords(1);
        mock.schedulePollTask(() -> {
            assign(mock);
            mock.addRecord(record(0, job("given-up")));
            mock.addRecord(record(1, job("next")));
        });
        consumer = start(() -> mock, (job, received, cancellation) -> {
            handled.add(job.jobId());
            return job.jobId().equals("given-up")
                    ? new JobProcessor.Delivery(JobProcessor.Outcome.FAILED, "worker_error: gave up after 3 attempts")
                    : new JobProcessor.Delivery(JobProcessor.Outcome.COMPLETED, null);
        });

        await(() -> committed(mock) == 2);

        assertEquals(List.of("0 worker_error: gave up after 3 attempts"), deadLetters.processingFailures);
        assertEquals(List.of("given-up", "next"), handled);
    }

    private RenderJobConsumer start(java.util.function.Supplier<Consumer<String, byte[]>> consumers,
            RenderJobConsumer.Handler handler) {
        RenderJobConsumer started = new RenderJobConsumer(consumers, deadLetters, handler, 1, Duration.ofSeconds(1));
        started.start();
        return started;
    }

    private RenderJobConsumer.Handler completed() {
        return (job, received, cancellation) -> {
            handled.add(job.jobId());
            return new JobProcessor.Delivery(JobProcessor.Outcome.COMPLETED, null);
        };
    }

    private static void assign(MockConsumer<String, byte[]> mock) {
        mock.rebalance(List.of(P0));
        mock.updateBeginningOffsets(Map.of(P0, 0L));
    }

    private static RenderJob job(String jobId) {
        return TestJobs.cadJob(jobId, JobType.GLB_BBOX, "cad-1", Map.of(), Map.of("glb_path", "cad/cad-1/model.glb"));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, RenderJob job) {
        return new ConsumerRecord<>(P0.topic(), P0.partition(), offset, job.key(), Topics.RENDER_JOBS.encode(job));
    }

    private static long committed(MockConsumer<String, byte[]> mock) {
        OffsetAndMetadata offset = mock.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
