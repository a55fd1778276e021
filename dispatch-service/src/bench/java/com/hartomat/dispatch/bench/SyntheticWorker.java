package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * With -Dbench.events=true: a render worker without Blender. It reads every job on {@code render.jobs.v1} (all
 * partitions, from the beginning, no consumer group) and answers each at once with {@code accepted},
 * {@code started} and {@code completed} on {@code render.events.v1}, keyed by job id, through the contracts'
 * validating serializer. Render events thus flow back at the rate jobs are dispatched. It runs in the load
 * generator's JVM, so its CPU counts as the load generator's.
 */
final class SyntheticWorker implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, Object> producer;
    private final Thread thread;
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile boolean running = true;

    private SyntheticWorker(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id", "bench-worker-jobs",
                "enable.auto.commit", false, "max.poll.records", 500), new StringDeserializer(),
                new ByteArrayDeserializer());
        producer = SyntheticRender.producer(bootstrapServers, 5);
        thread = new Thread(this::run, "bench-synthetic-worker");
        thread.setDaemon(true);
    }

    static SyntheticWorker start(String bootstrapServers) {
        SyntheticWorker worker = new SyntheticWorker(bootstrapServers);
        String topic = Topics.RENDER_JOBS.topic();
        List<TopicPartition> partitions = worker.consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        worker.consumer.assign(partitions);
        worker.consumer.seekToBeginning(partitions);
        worker.thread.start();
        return worker;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    answer(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.out.println("  synthetic worker stopped: " + e);
            errors.incrementAndGet();
        } finally {
            consumer.close(Duration.ofSeconds(2)); // on its own thread: a KafkaConsumer is single-threaded
        }
    }

    private void answer(ConsumerRecord<String, byte[]> record) {
        RenderJob job;
        try {
            job = Topics.RENDER_JOBS.decode(record.value());
        } catch (RuntimeException e) {
            report("job breaks its contract: " + e.getMessage());
            return;
        }
        Instant now = Instant.now();
        send(SyntheticRender.accepted(job, now));
        send(SyntheticRender.started(job, now));
        send(SyntheticRender.completed(job, now, Instant.now()));
        jobs.incrementAndGet();
    }

    private void send(RenderEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.RENDER_EVENTS.topic(), event.jobId(), event), (metadata, e) -> {
                if (e != null) {
                    report("render event not sent: " + e);
                }
            });
            events.incrementAndGet();
        } catch (RuntimeException e) { // a contract violation is thrown by send, before anything leaves
            report("render event refused: " + e.getMessage());
        }
    }

    private void report(String problem) {
        if (errors.incrementAndGet() <= 3) {
            System.out.println("  synthetic worker: " + problem);
        }
    }

    /** Jobs answered so far. */
    long jobs() {
        return jobs.get();
    }

    /** Waits (at most {@code timeout}) until {@code expected} jobs are answered and their events acknowledged. */
    boolean awaitJobs(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (jobs.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        producer.flush();
        return jobs.get() >= expected;
    }

    String summary() {
        return String.format("synthetic worker: %d jobs answered, %d render events sent, %d errors", jobs.get(),
                events.get(), errors.get());
    }

    int errors() {
        return errors.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
