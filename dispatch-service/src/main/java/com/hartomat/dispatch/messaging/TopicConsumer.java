package com.hartomat.dispatch.messaging;

import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.deadletter.DeadLetters;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * One topic's consumer loop on its own thread: decode against the topic contract (invalid records go to the
 * dead-letter topic), hand the message to the handler, commit the offset once handled. Transport only.
 */
final class TopicConsumer<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    private final TopicContract<T> contract;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetters deadLetters;
    private final Function<T, Uni<?>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    TopicConsumer(TopicContract<T> contract, String bootstrapServers, String groupId, DeadLetters deadLetters,
            Function<T, Uni<?>> handler) {
        this.contract = contract;
        this.deadLetters = deadLetters;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + contract.topic()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "consume-" + contract.topic());
        this.thread.setDaemon(true);
    }

    void start() {
        consumer.subscribe(List.of(contract.topic()));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        handle(record);
                    } catch (RuntimeException e) {
                        // not even dead-lettering worked (broker or database away): retry this record later
                        LOG.warnf("%s@%d not handled, retrying: %s", contract.topic(), record.offset(), e.toString());
                        consumer.seek(partition, record.offset());
                        sleep();
                        break;
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer of %s stopped", contract.topic());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Optional<T> message = deadLetters.decodeOrDeadLetter(contract, record);
        if (message.isEmpty()) {
            return;
        }
        try {
            handler.apply(message.get()).await().atMost(Duration.ofSeconds(30));
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw e;
        } catch (io.vertx.core.VertxException e) {
            if (!(e instanceof io.vertx.sqlclient.DatabaseException)) {
                // the database is unreachable: not the message's fault, so retry rather than dead-letter
                throw e;
            }
            LOG.warnf("handling %s@%d failed, dead-lettered: %s", contract.topic(), record.offset(), e.toString());
            deadLetters.processingFailed(contract, record, e);
        } catch (RuntimeException e) {
            LOG.warnf("handling %s@%d failed, dead-lettered: %s", contract.topic(), record.offset(), e.toString());
            deadLetters.processingFailed(contract, record, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
