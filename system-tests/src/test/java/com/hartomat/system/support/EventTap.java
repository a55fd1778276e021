package com.hartomat.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the wire without taking part: every render job dispatch queued, every event the worker reported and every
 * run status dispatch published, read from the beginning by a group-less consumer. The tests drive and assert through
 * the HTTP API; the tap tells a stalled wait apart from a slow one (no job in flight and nothing new) and puts the
 * worker's own account of a job (failure code, message, log tail) into failure reports.
 */
public final class EventTap implements AutoCloseable {

    public static final String JOBS = "render.jobs.v1";
    public static final String EVENTS = "render.events.v1";
    public static final String RUN_STATUS = "runs.status.v1";

    /** One record as seen on the wire. */
    public record Seen(String topic, String key, JsonNode value, long seenAtNanos) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile long lastSeenNanos = System.nanoTime();

    private EventTap(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
        this.loop = new Thread(this::poll, "system-tests-event-tap");
        this.loop.setDaemon(true);
    }

    static EventTap start(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(JOBS, EVENTS, RUN_STATUS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(20))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        EventTap tap = new EventTap(consumer);
        tap.loop.start();
        return tap;
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value;
                    try {
                        value = Api.JSON.readTree(r.value());
                    } catch (IOException e) {
                        continue;
                    }
                    synchronized (seen) {
                        seen.add(new Seen(r.topic(), r.key(), value, System.nanoTime()));
                    }
                    lastSeenNanos = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public List<Seen> all(String topic, Predicate<JsonNode> filter) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.topic().equals(topic) && filter.test(s.value())).toList();
        }
    }

    /** Render jobs dispatch queued that match. */
    public List<JsonNode> jobs(Predicate<JsonNode> filter) {
        return all(JOBS, filter).stream().map(Seen::value).toList();
    }

    public List<JsonNode> jobsOfRun(String runId) {
        return jobs(j -> runId.equals(j.path("workflow_run_id").asText(null)));
    }

    public List<JsonNode> jobsOfOrderLine(String orderLineId) {
        return jobs(j -> orderLineId.equals(j.path("context").path("order_line_id").asText(null)));
    }

    public List<JsonNode> jobsOfCadFile(String cadFileId) {
        return jobs(j -> cadFileId.equals(j.path("context").path("cad_file_id").asText(null)));
    }

    public Optional<JsonNode> job(String jobId) {
        return jobs(j -> jobId.equals(j.path("job_id").asText())).stream().findFirst();
    }

    /** What the worker reported about one job, in order. */
    public List<JsonNode> events(String jobId) {
        return all(EVENTS, e -> jobId.equals(e.path("job_id").asText())).stream().map(Seen::value).toList();
    }

    /** The job's final outcome ({@code completed}, or {@code failed} other than a release for redelivery). */
    public Optional<JsonNode> outcome(String jobId) {
        List<JsonNode> events = events(jobId);
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode e = events.get(i);
            String type = e.path("event_type").asText();
            if ("completed".equals(type)
                    || ("failed".equals(type) && !"cancelled".equals(e.path("failure").path("code").asText()))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Jobs queued whose final outcome the worker has not reported yet (queued or rendering). */
    public List<String> inFlight() {
        return jobs(j -> true).stream().map(j -> j.path("job_id").asText()).filter(id -> outcome(id).isEmpty()).toList();
    }

    /** When the tap last saw any record. */
    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Each job with its type, node, and what the worker said about it: for failure reports. */
    public String describe(List<JsonNode> jobs) {
        if (jobs.isEmpty()) {
            return "  (no render job on " + JOBS + ")";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode job : jobs) {
            String id = job.path("job_id").asText();
            out.append("  job ").append(id).append(' ').append(job.path("job_type").asText())
                    .append(" node=").append(job.path("workflow_node_id").asText("-"))
                    .append(" mode=").append(job.path("execution_mode").asText())
                    .append(" inputs=").append(Api.excerpt(job.path("inputs").toString(), 400)).append('\n');
            List<JsonNode> events = events(id);
            if (events.isEmpty()) {
                out.append("    worker: no event yet (not picked up)\n");
            }
            for (JsonNode e : events) {
                String type = e.path("event_type").asText();
                if ("progress".equals(type)) {
                    continue;
                }
                out.append("    worker: ").append(type).append(" attempt ").append(e.path("attempt").asInt());
                if (e.hasNonNull("failure")) {
                    JsonNode f = e.path("failure");
                    out.append(" ").append(f.path("code").asText()).append(": ").append(f.path("message").asText())
                            .append("\n    log tail:\n").append(indent(tail(f.path("log_tail").asText(""), 1500)));
                }
                if ("completed".equals(type)) {
                    out.append(" artifacts=");
                    e.path("artifacts").forEach(a -> out.append(a.path("role").asText()).append(':')
                            .append(a.path("path").asText()).append(' '));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    static String indent(String text) {
        return text.isEmpty() ? "" : "      " + text.replace("\n", "\n      ") + "\n";
    }

    /** Stops the loop; the stack's shutdown does it implicitly by ending the JVM. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
