package com.hartomat.worker.control;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.kafka.KafkaSecuritySettings;
import com.hartomat.contracts.messages.RenderControl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of {@code render.control.v1} on every replica: partitions are assigned, not subscribed (no
 * consumer group, nothing committed), from the end at start. Commands sent before a replica started are not needed:
 * dispatch sends a job's cancel again when a worker reports the job started. A command that breaks the contract is
 * logged and skipped here (each replica would otherwise dead-letter it once more).
 */
public final class RenderControlConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(RenderControlConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final CancelledJobs cancelled;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean assigned;

    public RenderControlConsumer(String bootstrapServers, String clientId, CancelledJobs cancelled) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        config.putAll(KafkaSecuritySettings.fromConfig());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.cancelled = cancelled;
        this.thread = new Thread(this, "render-control");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the partitions are assigned and their end positions taken: commands from now on are seen. */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void run() {
        try {
            while (!stopping && !assigned) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.RENDER_CONTROL.topic(),
                        Duration.ofSeconds(10)).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                assigned = true;
            }
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "render.control.v1 consumer stopped");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        RenderControl command;
        try {
            command = Topics.RENDER_CONTROL.decode(record.value());
        } catch (ContractViolation | IllegalArgumentException e) {
            LOG.warnf("render.control.v1 record at %d@%d broke its contract and was skipped: %s", record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (command.isCancel()) {
            LOG.infof("job %s cancelled (run %s, by %s)", command.jobId(), command.workflowRunId(), command.requestedBy());
            cancelled.cancel(command.jobId());
        }
    }

    public void stop() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
