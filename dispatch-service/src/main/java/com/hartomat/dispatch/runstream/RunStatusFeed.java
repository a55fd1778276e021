package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.messages.RunStatusEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * This replica's live view of {@code runs.status.v1}: every event any replica published, read from the topic with a
 * consumer group of its own from the latest offsets (channel {@code run-status-feed}; raw records, decoded and
 * validated against the contract only when a stream here is watching their run), handed to the streams currently open here. Nothing is committed or kept: what a stream
 * missed comes from the {@code run_events} log.
 */
@ApplicationScoped
public class RunStatusFeed {

    private static final Logger LOG = Logger.getLogger(RunStatusFeed.class);

    private final Map<String, List<Consumer<RunStatusEvent>>> byRun = new ConcurrentHashMap<>();
    private final List<Filtered> filtered = new CopyOnWriteArrayList<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    public RunStatusFeed(MeterRegistry meters) {
        meters.gauge("run_status_streams_open", this, RunStatusFeed::listeners);
    }

    private record Filtered(Predicate<RunStatusEvent> filter, Consumer<RunStatusEvent> listener) {
    }

    /**
     * One poll's records at a time (channel in batch mode): the feed reads every status event of the suite, most of
     * them watched by no stream here, so a record costs no more than a key lookup (no message, span or context per
     * record).
     */
    @Incoming("run-status-feed")
    @NonBlocking
    public void receive(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            receive(record);
        }
    }

    private void receive(ConsumerRecord<String, byte[]> record) {
        // decoded (and validated) only when a stream here wants it: most events have no watcher on this replica
        if (record.value() == null || !wanted(record.key())) {
            return;
        }
        RunStatusEvent event;
        try {
            event = Topics.RUNS_STATUS.decode(record.value());
        } catch (ContractViolation e) {
            // each replica sees every record, so dead-lettering here would repeat it per replica; the producer
            // validated it, so this is a foreign record: skip it
            LOG.warnf("%s-%d@%d breaks the runs.status.v1 contract, not streamed: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        deliver(event);
    }

    private boolean wanted(String runId) {
        return !filtered.isEmpty() || runId != null && byRun.containsKey(runId);
    }

    void deliver(RunStatusEvent event) {
        List<Consumer<RunStatusEvent>> listeners = byRun.get(event.workflowRunId());
        if (listeners != null) {
            listeners.forEach(l -> hand(l, event));
        }
        for (Filtered f : filtered) {
            if (f.filter().test(event)) {
                hand(f.listener(), event);
            }
        }
    }

    private static void hand(Consumer<RunStatusEvent> listener, RunStatusEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warnf("a run status stream refused event %s: %s", event.eventId(), e.toString());
        }
    }

    /** Hands every later event of one run to the listener until the returned action is run. */
    Runnable listenToRun(String runId, Consumer<RunStatusEvent> listener) {
        byRun.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byRun.computeIfPresent(runId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Hands every later event the filter accepts to the listener until the returned action is run. */
    Runnable listen(Predicate<RunStatusEvent> filter, Consumer<RunStatusEvent> listener) {
        Filtered f = new Filtered(filter, listener);
        filtered.add(f);
        return () -> filtered.remove(f);
    }

    int listeners() {
        return byRun.values().stream().mapToInt(List::size).sum() + filtered.size();
    }

    /** True once the feed's consumer holds partitions with their positions resolved: events from now on arrive. */
    public boolean live() {
        return !assigned.isEmpty();
    }

    void assigned(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        LOG.debugf("run status feed reads %s", assigned);
    }

    void revoked(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }
}
