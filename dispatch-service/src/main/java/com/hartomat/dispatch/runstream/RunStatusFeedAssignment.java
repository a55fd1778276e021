package com.hartomat.dispatch.runstream;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The feed consumer's partition assignments. A fresh group starts at the latest offsets, which Kafka resolves lazily;
 * asking each assigned partition's position here resolves them at once, so "live" means no later event is skipped.
 */
@ApplicationScoped
@Identifier("run-status-feed")
public class RunStatusFeedAssignment implements KafkaConsumerRebalanceListener {

    private final RunStatusFeed feed;

    public RunStatusFeedAssignment(RunStatusFeed feed) {
        this.feed = feed;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(consumer::position);
        feed.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        feed.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        feed.revoked(partitions);
    }
}
