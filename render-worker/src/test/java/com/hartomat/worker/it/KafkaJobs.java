package com.hartomat.worker.it;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain Kafka clients against the real broker the worker under test consumes from: jobs go onto
 * render.jobs.v1, events are read back from render.events.v1 (own group, filtered by job id).
 */
public final class KafkaJobs implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> events;
    private final Map<String, List<RenderEvent>> byJob = new ConcurrentHashMap<>();
    private final Map<String, List<ConsumerRecord<String, byte[]>>> recordsByJob = new ConcurrentHashMap<>();

    public KafkaJobs() {
        String bootstrap = bootstrap();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        events = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "render-worker-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        events.subscribe(List.of(Topics.RENDER_EVENTS.topic()));
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static Path storageRoot() {
        return Path.of(ConfigProvider.getConfig().getValue("hartomat.storage.root", String.class));
    }

    public RecordMetadata send(RenderJob job) {
        return sendRaw(job.key(), Topics.RENDER_JOBS.encode(job));
    }

    /** The job with record headers, e.g. a W3C {@code traceparent}. */
    public RecordMetadata send(RenderJob job, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RENDER_JOBS.topic(), job.key(),
                Topics.RENDER_JOBS.encode(job));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command on render.control.v1 (keyed by job id, validated against its contract). */
    public RecordMetadata control(com.hartomat.contracts.messages.RenderControl command) {
        try {
            return producer.send(new ProducerRecord<>(Topics.RENDER_CONTROL.topic(), command.jobId(),
                    Topics.RENDER_CONTROL.encode(command))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The render.events.v1 records of a job read so far (with their headers), in the order read. */
    public List<ConsumerRecord<String, byte[]>> records(String jobId) {
        return List.copyOf(recordsByJob.getOrDefault(jobId, List.of()));
    }

    public RecordMetadata sendRaw(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(Topics.RENDER_JOBS.topic(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** All events of the job up to and including its first completed or failed event. */
    public List<RenderEvent> awaitOutcome(String jobId) {
        return awaitEvents(jobId, list -> list.stream().anyMatch(KafkaJobs::isOutcome), Duration.ofSeconds(180));
    }

    /** Waits until {@code count} outcome events of the job were read. */
    public List<RenderEvent> awaitOutcomes(String jobId, int count) {
        return awaitEvents(jobId, list -> list.stream().filter(KafkaJobs::isOutcome).count() >= count, Duration.ofSeconds(180));
    }

    public List<RenderEvent> awaitEvents(String jobId, Predicate<List<RenderEvent>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<RenderEvent> current = snapshot(jobId);
            if (done.test(current)) {
                return current;
            }
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                RenderEvent event = Topics.RENDER_EVENTS.decode(record.value());
                byJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>()).add(event);
                recordsByJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>()).add(record);
            }
        }
        throw new AssertionError("no outcome for job " + jobId + " within " + timeout + "; events so far: " + snapshot(jobId));
    }

    /** Reads whatever arrives during {@code window} (used to show that nothing more comes). */
    public List<RenderEvent> drain(String jobId, Duration window) {
        Instant until = Instant.now().plus(window);
        while (Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                RenderEvent event = Topics.RENDER_EVENTS.decode(record.value());
                byJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>()).add(event);
                recordsByJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>()).add(record);
            }
        }
        return snapshot(jobId);
    }

    private List<RenderEvent> snapshot(String jobId) {
        return List.copyOf(byJob.getOrDefault(jobId, List.of()));
    }

    /** The worker group's committed offset (next record to read) for a partition of render.jobs.v1, or -1. */
    public static long committedOffset(int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("render-worker")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.RENDER_JOBS.topic(), partition));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isOutcome(RenderEvent event) {
        return event.eventType() == RenderEventType.COMPLETED || event.eventType() == RenderEventType.FAILED;
    }

    public static RenderEvent outcome(List<RenderEvent> events) {
        return events.stream().filter(KafkaJobs::isOutcome).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        producer.close();
        events.close();
    }
}
