package com.hartomat.worker.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed. Records of one partition can finish out of order when several jobs run
 * at once; a partition's committable offset only advances past records that are all finished, so an
 * unfinished job is always redelivered after a crash or rebalance.
 */
public final class PartitionOffsets {

    private final Map<TopicPartition, TreeMap<Long, Boolean>> inFlight = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();

    public synchronized void started(TopicPartition partition, long offset) {
        inFlight.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, Boolean.FALSE);
    }

    public synchronized void finished(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = inFlight.get(partition);
        if (offsets == null || !offsets.containsKey(offset)) {
            return;
        }
        offsets.put(offset, Boolean.TRUE);
        while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
            long done = offsets.pollFirstEntry().getKey();
            committable.put(partition, done + 1);
        }
    }

    /** The offsets to commit now (next offset to read per partition), cleared once taken. */
    public synchronized Map<TopicPartition, Long> takeCommittable() {
        Map<TopicPartition, Long> out = new HashMap<>(committable);
        committable.clear();
        return out;
    }

    /**
     * Puts back offsets taken for a commit that failed, so the next commit carries them, unless a newer one
     * was recorded meanwhile or the partition was revoked.
     */
    public synchronized void restore(Map<TopicPartition, Long> notCommitted) {
        notCommitted.forEach((partition, offset) -> {
            if (inFlight.containsKey(partition)) {
                committable.merge(partition, offset, Math::max);
            }
        });
    }

    public synchronized int inFlight() {
        return inFlight.values().stream().mapToInt(TreeMap::size).sum();
    }

    /** Forgets partitions this consumer no longer owns; their unfinished records will be redelivered elsewhere. */
    public synchronized void revoked(Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            inFlight.remove(partition);
            committable.remove(partition);
        }
    }
}
