package com.hartomat.worker.messaging;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetters;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.jobs.JobProcessor;
import com.hartomat.worker.tracing.JobTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The render.jobs.v1 consumer: a plain KafkaConsumer loop on its own thread, because the worker needs three
 * things a managed channel does not give directly: (1) never holding more jobs than it can render (at most
 * {@code concurrency} records taken; partitions paused while all slots are busy, surplus records sought
 * back), (2) committing a record's offset only after its outcome is committed to the outbox together with
 * the ledger row, and only contiguously per partition, (3) a graceful shutdown that finishes or releases
 * running jobs. Jobs run on a bounded worker pool, never on this thread or an event loop. A failed poll or
 * commit is retried with back-off; only an Error ends the loop, which {@link #state()} then reports.
 */
public final class RenderJobConsumer {

    private static final Logger LOG = Logger.getLogger(RenderJobConsumer.class);
    private static final long BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    /** Handles one delivered job; {@link JobProcessor#process} in production. */
    @FunctionalInterface
    public interface Handler {
        JobProcessor.Delivery process(RenderJob job, Instant receivedAt, ChildProcess.Cancellation cancellation)
                throws Exception;
    }

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final DeadLetters deadLetters;
    private final Handler handler;
    private final JobTracing tracing;
    private final int concurrency;
    private final Duration shutdownGrace;
    private final ExecutorService workers;
    private final PartitionOffsets offsets = new PartitionOffsets();
    private final ConsumerState state = new ConsumerState();
    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> finished = new ConcurrentLinkedQueue<>();
    private final Set<ChildProcess.Cancellation> cancellations = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private Thread loop;

    public RenderJobConsumer(String bootstrapServers, String groupId, String clientId, DeadLetters deadLetters,
            Handler handler, JobTracing tracing, int concurrency, Duration shutdownGrace) {
        this(kafka(bootstrapServers, groupId, clientId, Math.max(1, concurrency)), deadLetters, handler, tracing,
                concurrency, shutdownGrace);
    }

    RenderJobConsumer(Supplier<Consumer<String, byte[]>> consumers, DeadLetters deadLetters, Handler handler,
            int concurrency, Duration shutdownGrace) {
        this(consumers, deadLetters, handler, JobTracing.off(), concurrency, shutdownGrace);
    }

    RenderJobConsumer(Supplier<Consumer<String, byte[]>> consumers, DeadLetters deadLetters, Handler handler,
            JobTracing tracing, int concurrency, Duration shutdownGrace) {
        this.consumers = consumers;
        this.tracing = tracing;
        this.deadLetters = deadLetters;
        this.handler = handler;
        this.concurrency = Math.max(1, concurrency);
        this.shutdownGrace = shutdownGrace;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.concurrency, r -> {
            Thread t = new Thread(r, "render-job-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Incremental (cooperative) rebalancing: a rebalance revokes only the partitions that move to another member. With
     * the eager protocol (the client's default picks the range assignor, which is eager) every rebalance — a replica
     * joining or leaving — revokes all partitions and hands them back at their committed offsets, so a worker was
     * re-delivered its own running jobs: each duplicate took a free slot and waited on the job's ledger lock for the
     * whole render, and the records behind it on that partition waited too (two jobs ran one after the other).
     * All replicas must use it; from the client's default list (range, cooperative-sticky) one rolling restart switches
     * a group over (Kafka's documented upgrade path).
     */
    public static final String ASSIGNMENT_STRATEGY = CooperativeStickyAssignor.class.getName();

    private static Supplier<Consumer<String, byte[]>> kafka(String bootstrapServers, String groupId, String clientId,
            int maxRecords) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ASSIGNMENT_STRATEGY));
        // SASL/TLS of the worker's Kafka user (Kubernetes), if configured
        config.putAll(com.hartomat.contracts.kafka.KafkaSecuritySettings.fromConfig());
        return () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public int concurrency() {
        return concurrency;
    }

    public int busy() {
        return running.get();
    }

    /** Whether the loop is consuming right now, and why not when it is not. */
    public ConsumerState.Snapshot state() {
        return state.snapshot();
    }

    public synchronized void start() {
        loop = new Thread(this::run, "render-jobs-consumer");
        loop.start();
    }

    /** Stops taking jobs, waits up to the grace period for running ones, then releases the rest. */
    public void stop() throws InterruptedException {
        stopping = true;
        state.stopping();
        Thread current = loop;
        if (current != null) {
            current.join(shutdownGrace.toMillis() + 30_000);
        }
        workers.shutdownNow();
    }

    private void run() {
        Backoff backoff = new Backoff(BACKOFF_MS, MAX_BACKOFF_MS);
        try {
            while (!stopping) {
                try (Consumer<String, byte[]> consumer = consumers.get()) {
                    consumer.subscribe(List.of(Topics.RENDER_JOBS.topic()), rebalanceListener(consumer));
                    consume(consumer, backoff);
                    shutDown(consumer);
                } catch (RuntimeException e) {
                    if (stopping) {
                        LOG.warn("render job consumer failed while stopping", e);
                        break;
                    }
                    long delay = backoff.next();
                    state.retrying(e, delay);
                    LOG.warnf(e, "render job consumer could not be set up; trying again in %d ms", delay);
                    sleep(delay);
                }
            }
            state.stopped("stopped: shutdown");
        } catch (Error e) {
            state.stopped("consumer thread ended: " + ConsumerState.describe(e));
            LOG.error("render job consumer thread ended; no more jobs are taken by this worker", e);
            throw e;
        }
    }

    private ConsumerRebalanceListener rebalanceListener(Consumer<String, byte[]> consumer) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                LOG.debugf("render.jobs partitions revoked: %s (%d jobs running)", partitions, running.get());
                try {
                    drainFinished();
                    commit(consumer);
                } finally {
                    offsets.revoked(partitions);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // newly assigned partitions only (cooperative rebalancing keeps the others, with their positions and
                // running jobs): they start at the committed positions, where the group left off
                LOG.debugf("render.jobs partitions assigned: %s (%d jobs running)", partitions, running.get());
            }
        };
    }

    /** Poll rounds until stopping; a failed round (poll, commit, seek) is logged and retried after a back-off. */
    private void consume(Consumer<String, byte[]> consumer, Backoff backoff) {
        while (!stopping) {
            try {
                pollOnce(consumer);
                backoff.reset();
                state.consuming();
            } catch (RuntimeException e) {
                long delay = backoff.next();
                state.retrying(e, delay);
                LOG.warnf(e, "render job consumer: poll round failed; trying again in %d ms", delay);
                sleep(delay);
            }
        }
    }

    private void pollOnce(Consumer<String, byte[]> consumer) {
        drainFinished();
        commit(consumer);
        int free = concurrency - running.get();
        Set<TopicPartition> assignment = consumer.assignment();
        if (free <= 0) {
            consumer.pause(assignment);
        } else {
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (free > 0 && !rewind.containsKey(partition)) {
                dispatch(record);
                free--;
            } else {
                rewind.putIfAbsent(partition, record.offset());
            }
        }
        rewind.forEach(consumer::seek);
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        offsets.started(new TopicPartition(record.topic(), record.partition()), record.offset());
        running.incrementAndGet();
        Instant received = Instant.now();
        workers.execute(() -> {
            ChildProcess.Cancellation cancellation = new ChildProcess.Cancellation();
            cancellations.add(cancellation);
            Span span = tracing.jobSpan(record);
            try (Scope ignored = span.makeCurrent()) {
                if (handle(record, received, cancellation)) {
                    finished.add(record);
                } else {
                    span.setAttribute("hartomat.released", true);
                }
            } catch (RuntimeException | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
                cancellations.remove(cancellation);
                running.decrementAndGet();
            }
        });
    }

    /**
     * True when the record is done with (its offset may be committed). A delivery that throws is tried again
     * with back-off: the ledger unreachable, or an attempt that ended in a worker error with attempts left.
     * A job given up after its last attempt is dead-lettered before its offset is committed.
     */
    private boolean handle(ConsumerRecord<String, byte[]> record, Instant received, ChildProcess.Cancellation cancellation) {
        Backoff backoff = new Backoff(BACKOFF_MS, MAX_BACKOFF_MS);
        while (true) {
            try {
                Optional<RenderJob> job = deadLetters.decodeOrDeadLetter(Topics.RENDER_JOBS, record);
                if (job.isEmpty()) {
                    LOG.warnf("render job at %s-%d@%d broke its contract: sent to %s", record.topic(), record.partition(),
                            record.offset(), Topics.RENDER_JOBS.deadLetterTopic());
                    return true;
                }
                JobProcessor.Delivery delivery = handler.process(job.get(), received, cancellation);
                if (delivery.deadLetterReason() != null) {
                    deadLetters.processingFailed(Topics.RENDER_JOBS, record, delivery.deadLetterReason());
                    LOG.warnf("job %s at %s-%d@%d given up: sent to %s", job.get().jobId(), record.topic(),
                            record.partition(), record.offset(), Topics.RENDER_JOBS.deadLetterTopic());
                }
                return true;
            } catch (JobProcessor.Released released) {
                LOG.info(released.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                if (stopping || cancellation.requested()) {
                    LOG.warnf("job at %s-%d@%d left for redelivery: %s", record.topic(), record.partition(), record.offset(), e);
                    return false;
                }
                long delay = backoff.next();
                LOG.warnf("job at %s-%d@%d could not be handled (%s); trying again in %d ms", record.topic(),
                        record.partition(), record.offset(), e, delay);
                sleep(delay);
            }
        }
    }

    private void drainFinished() {
        ConsumerRecord<String, byte[]> record;
        while ((record = finished.poll()) != null) {
            offsets.finished(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
    }

    private void commit(Consumer<String, byte[]> consumer) {
        Map<TopicPartition, Long> ready = offsets.takeCommittable();
        if (ready.isEmpty()) {
            return;
        }
        Set<TopicPartition> owned = new HashSet<>(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        ready.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                commits.put(partition, new OffsetAndMetadata(offset));
            }
        });
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits);
        } catch (RuntimeException e) {
            offsets.restore(ready);
            throw e;
        }
    }

    private void shutDown(Consumer<String, byte[]> consumer) {
        consumer.pause(consumer.assignment());
        Instant deadline = Instant.now().plus(shutdownGrace);
        while (running.get() > 0 && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100));
            drainFinished();
            safeCommit(consumer);
        }
        if (running.get() > 0) {
            LOG.infof("shutdown grace of %s over: releasing %d running job(s) for redelivery", shutdownGrace, running.get());
            cancellations.forEach(ChildProcess.Cancellation::cancel);
            Instant hard = Instant.now().plusSeconds(20);
            while (running.get() > 0 && Instant.now().isBefore(hard)) {
                consumer.poll(Duration.ofMillis(100));
                drainFinished();
                safeCommit(consumer);
            }
        }
        drainFinished();
        safeCommit(consumer);
    }

    private void safeCommit(Consumer<String, byte[]> consumer) {
        try {
            commit(consumer);
        } catch (RuntimeException e) {
            LOG.warn("offset commit at shutdown failed; the jobs will be answered from the ledger on redelivery", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
