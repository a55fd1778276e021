package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Who reads {@code render.events.v1} in the service under test, found without knowing its group id: every consumer
 * group that has committed offsets on the topic or members assigned to it. Before the run lifecycle is merged there
 * is none. The lag (end offsets minus committed offsets) tells when the service has applied every render event.
 */
final class EventConsumers {

    static final String TOPIC = Topics.RENDER_EVENTS.topic();

    private EventConsumers() {
    }

    /** Groups reading render.events.v1 with their lag in messages (summed over partitions); empty when none. */
    static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        Set<String> groups = new HashSet<>();
        for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
            groups.add(group.groupId());
        }
        Map<String, Long> lag = new HashMap<>();
        if (groups.isEmpty()) {
            return lag;
        }
        Map<TopicPartition, Long> ends = endOffsets(admin);
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            boolean commits = committed.keySet().stream().anyMatch(p -> p.topic().equals(TOPIC));
            ConsumerGroupDescription description;
            try {
                description = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
            } catch (ExecutionException e) {
                description = null; // not a consumer group (e.g. a share group)
            }
            boolean assigned = description != null && description.members().stream()
                    .map(MemberDescription::assignment)
                    .anyMatch(a -> a.topicPartitions().stream().anyMatch(p -> p.topic().equals(TOPIC)));
            if (!commits && !assigned) {
                continue;
            }
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            lag.put(group, behind);
        }
        return lag;
    }

    /**
     * Waits until every group reading render.events.v1 has caught up. Returns a line to print: the groups and how long
     * it took, or that nothing reads the topic in this build.
     */
    static String awaitCaughtUp(Admin admin, Duration timeout) throws Exception {
        long start = System.nanoTime();
        Map<String, Long> lag = lagByGroup(admin);
        while (!lag.isEmpty() && lag.values().stream().anyMatch(l -> l > 0)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                return "render.events.v1 NOT caught up after " + timeout.toSeconds() + " s: lag " + lag;
            }
            Thread.sleep(50);
            lag = lagByGroup(admin);
        }
        if (lag.isEmpty()) {
            return "render.events.v1 has no consumer in the service (no consumer group commits or is assigned to it): "
                    + "the events are on the topic, but nothing applies them";
        }
        return String.format("render.events.v1 consumed by %s, caught up %.2f s after the phase", lag.keySet(),
                (System.nanoTime() - start) / 1e9);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC).partitions()
                .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS).entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }
}
