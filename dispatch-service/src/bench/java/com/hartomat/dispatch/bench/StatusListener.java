package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A subscriber of {@code runs.status.v1} as an external system would be one: every partition from the beginning (no
 * consumer group), each message decoded and validated against the topic contract, and the arrival time
 * ({@link System#nanoTime()}, taken when the record is handed to this process) noted per run: when the run reached
 * {@code completed} or {@code failed}, and when each node reached {@code completed}.
 */
final class StatusListener implements AutoCloseable {

    /** What one run's status events said, and when they arrived. Written by the listener thread only. */
    static final class Track {
        private final List<String> events = new ArrayList<>();
        private final Map<String, Long> nodeCompleted = new HashMap<>();
        private final Set<String> eventIds = new HashSet<>();
        private final List<Long> sequences = new ArrayList<>();
        private long runFinished;
        private RunStatus finalStatus;
        private String error;
        private int redeliveries;
        /** Counted down once when the awaited state arrives; set by {@link #arm} before the event is sent. */
        private CountDownLatch latch;
        /** The awaited state is this node's {@code completed}; null: the run's {@code completed} (or failure). */
        private String awaitedNode;

        /** Counts {@code done} down once the awaited state (see {@link #awaitedNode}) has arrived. */
        synchronized void arm(CountDownLatch done, String node) {
            awaitedNode = node;
            boolean already = node == null ? runFinished != 0 : nodeCompleted.containsKey(node) || error != null;
            if (already) {
                done.countDown();
            } else {
                latch = done;
            }
        }

        synchronized void add(RunStatusEvent e, long arrival) {
            if (!eventIds.add(e.eventId())) {
                redeliveries++;
                return;
            }
            sequences.add(e.sequence());
            events.add(e.sequence() + " " + e.scope() + (e.nodeId() == null ? "" : " " + e.nodeId()) + " "
                    + e.status().wire());
            boolean done = false;
            if (RunStatusEvent.SCOPE_RUN.equals(e.scope())
                    && (e.status() == RunStatus.COMPLETED || e.status() == RunStatus.FAILED) && runFinished == 0) {
                runFinished = arrival;
                finalStatus = e.status();
                error = e.errorMessage();
                done = awaitedNode == null || e.status() == RunStatus.FAILED;
            }
            if (RunStatusEvent.SCOPE_NODE.equals(e.scope()) && e.nodeId() != null) {
                if (e.status() == RunStatus.COMPLETED && nodeCompleted.putIfAbsent(e.nodeId(), arrival) == null) {
                    done |= e.nodeId().equals(awaitedNode);
                }
                if (e.status() == RunStatus.FAILED && e.nodeId().equals(awaitedNode) && error == null) {
                    error = "node " + e.nodeId() + " failed: " + e.errorMessage();
                    done = true;
                }
            }
            if (done && latch != null) {
                latch.countDown();
                latch = null;
            }
        }

        /** Arrival of the run's completed (0 if it did not arrive). */
        synchronized long runCompletedAt() {
            return finalStatus == RunStatus.COMPLETED ? runFinished : 0;
        }

        /** Arrival of the node's completed (0 if it did not arrive). */
        synchronized long nodeCompletedAt(String node) {
            return nodeCompleted.getOrDefault(node, 0L);
        }

        /** Why the run or the awaited node failed, or null. */
        synchronized String failure() {
            return finalStatus == RunStatus.FAILED ? "run failed: " + error : error;
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        /** Sequences 1..max, each once (redeliveries of the same event id aside). */
        synchronized boolean sequencesContiguous() {
            List<Long> sorted = new ArrayList<>(sequences);
            sorted.sort(null);
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i + 1) {
                    return false;
                }
            }
            return true;
        }

        synchronized int redeliveries() {
            return redeliveries;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<String, Track> runs = new ConcurrentHashMap<>();
    private final AtomicInteger violations = new AtomicInteger();
    private volatile boolean running = true;

    private StatusListener(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id", "bench-runs-status",
                "enable.auto.commit", false, "max.poll.records", 1000), new StringDeserializer(),
                new ByteArrayDeserializer());
        thread = new Thread(this::run, "bench-runs-status");
        thread.setDaemon(true);
    }

    static StatusListener start(String bootstrapServers) {
        StatusListener listener = new StatusListener(bootstrapServers);
        String topic = Topics.RUNS_STATUS.topic();
        List<TopicPartition> partitions = listener.consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        listener.consumer.assign(partitions);
        listener.consumer.seekToBeginning(partitions);
        listener.thread.start();
        return listener;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long arrival = System.nanoTime();
                    RunStatusEvent event;
                    try {
                        event = Topics.RUNS_STATUS.decode(record.value());
                    } catch (RuntimeException e) {
                        if (violations.incrementAndGet() <= 3) {
                            System.out.println("  runs.status.v1 message breaks its contract: " + e.getMessage());
                        }
                        continue;
                    }
                    track(event.workflowRunId()).add(event, arrival);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.out.println("  runs.status.v1 listener stopped: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    Track track(String runId) {
        return runs.computeIfAbsent(runId, id -> new Track());
    }

    Map<String, Track> runs() {
        return runs;
    }

    /** Messages that broke the runs.status.v1 contract so far. */
    int violations() {
        return violations.get();
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
    }
}
