package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.TopicCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Benchmark harness (not a test) for the run lifecycle: how long after a render worker reports {@code completed}
 * does a subscriber of {@code runs.status.v1} learn that the run completed?
 *
 * <p>Same stack as {@link DispatchBenchmark} (real PostgreSQL + Kafka from deploy/local, the packaged service as a
 * child JVM launched like {@code ./hartomat up}, the same graph still workflow with {@code output_save}), no Blender.
 * The order lines are dispatched first, unmeasured (16 in flight). Then, per phase, the harness plays the render
 * worker for a slice of those jobs, open loop: job i gets {@code accepted} and {@code started} at
 * {@code t0 + i/rate} and {@code completed} (one still artifact) at {@code t0 + lead + i/rate}, each sent at its
 * scheduled time through the contracts' validating serializer, keyed by job id. In the steady state the service thus
 * applies 3 × rate render events per second, of which rate are completions.
 *
 * <p>Latency is measured from the <em>scheduled</em> send time of a job's {@code completed} event (so a slow service
 * or a late sender cannot hide queueing) to the arrival, at a plain Kafka consumer of {@code runs.status.v1}, of the
 * run-scope event with {@code status: completed} for that {@code workflow_run_id} (with -Dbench.match=node: the
 * node-scope {@code completed} of the job's node instead). The other figure is printed beside it. A run that fails, or
 * does not complete within bench.timeout.s after the last completed event was sent, is an error and counts as an
 * infinitely slow completion in the percentiles.
 *
 * <p>Before any of that, one probe job goes through the whole path. Without a run lifecycle in the service (nothing
 * consumes {@code render.events.v1}), its completion never arrives: the harness then says so and ends after
 * bench.timeout.s with a failure, having measured nothing.
 *
 * <p>Run (see docs/dispatch.md § Benchmark):
 * {@code ./mvnw -B -Pbench -pl dispatch-service package exec:java@lifecycle -DskipTests}
 * (system properties: bench.rates=200,500, bench.count=10000 jobs per rate, bench.warmup=10000 jobs at
 * bench.warmup.rate=200, bench.lead.ms=1000, bench.timeout.s=30, bench.match=run|node, bench.concurrency=16 for the
 * unmeasured dispatch, bench.service.jvm as for DispatchBenchmark).
 */
public final class LifecycleBenchmark {

    /** The target for the run lifecycle. */
    static final int TARGET_RATE = 200;
    static final double TARGET_P99_MS = 50;

    public static void main(String[] args) throws Exception {
        Class.forName("org.postgresql.Driver");
        List<Integer> rates = Arrays.stream(System.getProperty("bench.rates", "200,500").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        int count = Integer.getInteger("bench.count", 10_000);
        int warmup = Integer.getInteger("bench.warmup", 10_000);
        int warmupRate = Integer.getInteger("bench.warmup.rate", 200);
        long leadNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong("bench.lead.ms", 1000));
        Duration timeout = Duration.ofSeconds(Integer.getInteger("bench.timeout.s", 30));
        boolean matchNode = "node".equals(System.getProperty("bench.match", "run"));
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        int settle = Math.max(1, rates.get(0) * 10);
        int total = 1 + warmup + settle + rates.size() * count;
        Path app = DispatchBenchmark.serviceJar();
        System.out.printf("machine: %d cores, java %s; latency: scheduled send of render 'completed' -> arrival of "
                + "the %s 'completed' on runs.status.v1%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), matchNode ? "node's" : "run's");
        try (LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath()); Admin admin = infra.kafka().admin()) {
            int port = DispatchBenchmark.freePort();
            Process service = DispatchBenchmark.startService(infra, app, port);
            CpuMeter cpu = new CpuMeter(service.pid());
            DispatchBenchmark.cpu = cpu;
            Vertx vertx = null;
            StatusListener listener = null;
            KafkaProducer<String, Object> producer = null;
            try {
                String base = "http://127.0.0.1:" + port;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                DispatchBenchmark.awaitReady(http, base);
                vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
                io.vertx.core.http.HttpClient load = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(256));
                String outputType = DispatchBenchmark.seedRegistry(infra);
                List<String> lines = DispatchBenchmark.seedOrderLines(infra, outputType, total);
                DispatchBenchmark.awaitReadModel(infra, outputType);
                listener = StatusListener.start(infra.kafka().bootstrapServers());
                // linger 0: the measured interval starts at the scheduled send, so nothing may wait in the producer
                producer = SyntheticRender.producer(infra.kafka().bootstrapServers(), 0);
                Feeder feeder = new Feeder(producer, listener, matchNode, leadNanos, timeout);

                // 1. one job end to end: is there a lifecycle at all?
                dispatch("probe dispatch", load, lines.subList(0, 1), 1, infra);
                List<RenderJob> probe = jobsFor(infra, lines.subList(0, 1));
                Phase probed = feeder.run("probe", probe, 1);
                if (probed.arrived() == 0) {
                    StatusListener.Track track = listener.track(probe.get(0).workflowRunId());
                    System.out.println();
                    System.out.printf("NO COMPLETION: the probe run's %s 'completed' did not arrive on %s within %d s "
                            + "of its render 'completed' event.%n", matchNode ? "node" : "run",
                            Topics.RUNS_STATUS.topic(), timeout.toSeconds());
                    System.out.println("  runs.status.v1 events of the probe run (sequence scope [node] status): "
                            + track.events());
                    if (track.failure() != null) {
                        System.out.println("  " + track.failure());
                    }
                    if (!matchNode && track.nodeCompletedAt(probe.get(0).workflowNodeId()) != 0) {
                        System.out.println("  the render node's 'completed' did arrive: -Dbench.match=node measures "
                                + "up to that event instead");
                    }
                    System.out.println("  " + EventConsumers.awaitCaughtUp(admin, Duration.ofSeconds(1)));
                    System.out.printf("  dead-lettered render events (%s): %d%n", Topics.RENDER_EVENTS.deadLetterTopic(),
                            DispatchBenchmark.messagesOn(infra, Topics.RENDER_EVENTS.deadLetterTopic()));
                    System.out.println("  Nothing to measure: this build of dispatch-service does not apply render "
                            + "events (is the run lifecycle, package lifecycle/, merged and consuming render.events.v1?)");
                    throw new IllegalStateException("lifecycle benchmark: no run completion within "
                            + timeout.toSeconds() + " s of a render 'completed' event; see the lines above");
                }
                System.out.println(probed);
                System.out.println("  probe run's runs.status.v1 events (sequence scope [node] status): "
                        + listener.track(probe.get(0).workflowRunId()).events());

                // 2. every other order line, unmeasured
                dispatch("dispatch (unmeasured, " + concurrency + " in flight)", load, lines.subList(1, total),
                        concurrency, infra);
                List<RenderJob> jobs = jobsFor(infra, lines.subList(1, total));

                // 3. warm-up, settle, measured rates (the JIT must compile the lifecycle's path too)
                int next = 0;
                phase(feeder, cpu, admin, infra, "warm-up (paced " + warmupRate + "/s)",
                        jobs.subList(next, next += warmup), warmupRate);
                phase(feeder, cpu, admin, infra, "settle (paced " + rates.get(0) + "/s)",
                        jobs.subList(next, next += settle), rates.get(0));
                List<Phase> results = new ArrayList<>();
                for (int rate : rates) {
                    results.add(phase(feeder, cpu, admin, infra, "paced " + rate + "/s", jobs.subList(next, next += count),
                            rate));
                }
                System.out.println();
                results.forEach(r -> System.out.println("RESULT " + r));
                summarize(listener, infra, feeder);
                StatementStats.print(infra);
            } finally {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
                if (listener != null) {
                    listener.close();
                }
                DispatchBenchmark.closeVertx(vertx);
                DispatchBenchmark.stopService(service);
            }
        }
        DispatchBenchmark.reportLiveThreads();
    }

    /** One phase: feed, measure, print CPU per job, then wait until the service has caught up. */
    static Phase phase(Feeder feeder, CpuMeter cpu, Admin admin, LocalInfra infra, String name, List<RenderJob> jobs,
            int rate) throws Exception {
        StatementStats.reset(infra);
        Map<String, Long> before = cpu.snapshot();
        long start = System.nanoTime();
        Phase result = feeder.run(name, jobs, rate);
        System.out.println(result + "  (load average " + DispatchBenchmark.loadAverage() + ")");
        System.out.println(CpuMeter.per("job (accepted + started + completed)", before, cpu.snapshot(), jobs.size(),
                (System.nanoTime() - start) / 1e9));
        System.out.println("  " + EventConsumers.awaitCaughtUp(admin, Duration.ofMinutes(5)));
        DispatchBenchmark.drainOutbox(infra, name);
        return result;
    }

    /** Dispatches over HTTP (the DispatchBenchmark client), then waits until the relay has sent every job. */
    static void dispatch(String phase, io.vertx.core.http.HttpClient load, List<String> lines, int concurrency,
            LocalInfra infra) throws Exception {
        DispatchBenchmark.measure(phase, load, lines, 0, concurrency);
        DispatchBenchmark.drainOutbox(infra, phase);
    }

    /** The render job of each order line, in the order of the lines, read back from render.jobs.v1. */
    static List<RenderJob> jobsFor(LocalInfra infra, List<String> lines) {
        Map<String, RenderJob> byLine = new HashMap<>();
        String topic = Topics.RENDER_JOBS.topic();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                infra.kafka().bootstrapServers(), "enable.auto.commit", false, "max.poll.records", 2000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("render.jobs.v1 not read to its end within 2 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RenderJob job = Topics.RENDER_JOBS.decode(record.value());
                    if (job.context().orderLineId() != null) {
                        byLine.put(job.context().orderLineId(), job);
                    }
                }
            }
        }
        List<RenderJob> jobs = new ArrayList<>(lines.size());
        for (String line : lines) {
            RenderJob job = byLine.get(line);
            if (job == null) {
                throw new IllegalStateException("no render job on " + topic + " for order line " + line);
            }
            jobs.add(job);
        }
        return jobs;
    }

    static void summarize(StatusListener listener, LocalInfra infra, Feeder feeder) throws Exception {
        int runs = 0;
        int gaps = 0;
        int redeliveries = 0;
        for (StatusListener.Track track : listener.runs().values()) {
            runs++;
            gaps += track.sequencesContiguous() ? 0 : 1;
            redeliveries += track.redeliveries();
        }
        System.out.printf("RESULT runs.status.v1: %d runs seen, %d with sequences other than 1..n, %d redelivered "
                + "events, %d contract violations; render events sent: %d (%d send errors); runs completed: %s, "
                + "failed: %s, outbox rows left: %s%n", runs, gaps, redeliveries, listener.violations(), feeder.sent(),
                feeder.sendErrors(),
                DispatchBenchmark.scalar(infra, "SELECT count(*) FROM dispatch.workflow_runs WHERE status = 'completed'"),
                DispatchBenchmark.scalar(infra, "SELECT count(*) FROM dispatch.workflow_runs WHERE status = 'failed'"),
                DispatchBenchmark.scalar(infra, "SELECT count(*) FROM dispatch.outbox"));
    }

    /** The figures of one phase. Latencies in nanoseconds; {@link Long#MAX_VALUE} for a completion that never came. */
    record Phase(String name, int rate, int jobs, int arrived, int errors, double seconds, long[] primary,
            long[] secondary, String primaryLabel, String secondaryLabel) {

        @Override
        public String toString() {
            String line = String.format("%-26s %6d jobs, %6d completions in %6.2f s = %7.1f/s, errors %d, %s: %s",
                    name, jobs, arrived, seconds, arrived / seconds, errors, primaryLabel, percentiles(primary));
            if (rate == TARGET_RATE && name.startsWith("paced")) {
                long p99 = pct(primary, 0.99);
                boolean fast = p99 != Long.MAX_VALUE && p99 / 1e6 <= TARGET_P99_MS;
                line += String.format("  [target p99 <= %.0f ms at %d/s without errors: %s]", TARGET_P99_MS,
                        TARGET_RATE, fast && errors == 0 ? "met" : fast ? "NOT met (errors)" : "NOT met");
            }
            return line + String.format("%n%-26s %s: %s", "", secondaryLabel, percentiles(secondary));
        }

        static String percentiles(long[] sorted) {
            return String.format("p50 %s, p95 %s, p99 %s, max %s", ms(pct(sorted, 0.50)), ms(pct(sorted, 0.95)),
                    ms(pct(sorted, 0.99)), ms(sorted[sorted.length - 1]));
        }

        static String ms(long nanos) {
            return nanos == Long.MAX_VALUE ? "none" : String.format("%.2f ms", nanos / 1e6);
        }

        static long pct(long[] sorted, double p) {
            return DispatchBenchmark.pct(sorted, p);
        }
    }

    /**
     * Plays the render worker for a list of jobs at a fixed rate (open loop) and collects when their completions
     * arrive on runs.status.v1.
     */
    static final class Feeder {
        private final KafkaProducer<String, Object> producer;
        private final StatusListener listener;
        private final boolean matchNode;
        private final long leadNanos;
        private final Duration timeout;
        private final AtomicInteger sendErrors = new AtomicInteger();
        private long sent;

        Feeder(KafkaProducer<String, Object> producer, StatusListener listener, boolean matchNode, long leadNanos,
                Duration timeout) {
            this.producer = producer;
            this.listener = listener;
            this.matchNode = matchNode;
            this.leadNanos = leadNanos;
            this.timeout = timeout;
        }

        Phase run(String name, List<RenderJob> jobs, int rate) throws InterruptedException {
            int n = jobs.size();
            long interval = 1_000_000_000L / rate;
            long[] scheduled = new long[n];
            Instant[] startedAt = new Instant[n];
            StatusListener.Track[] tracks = new StatusListener.Track[n];
            CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                tracks[i] = listener.track(jobs.get(i).workflowRunId());
                tracks[i].arm(done, matchNode ? jobs.get(i).workflowNodeId() : null);
            }
            int errorsBefore = sendErrors.get();
            int violationsBefore = listener.violations();
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            int a = 0; // next job to accept and start
            int c = 0; // next job to complete
            while (c < n) {
                long nextA = a < n ? t0 + a * interval : Long.MAX_VALUE;
                long nextC = t0 + leadNanos + c * interval;
                boolean complete = c < a && nextC <= nextA; // a job is completed only after it was started
                long at = complete ? nextC : nextA;
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (complete) {
                    RenderJob job = jobs.get(c);
                    scheduled[c] = nextC;
                    send(SyntheticRender.completed(job, startedAt[c], Instant.now()));
                    c++;
                } else {
                    RenderJob job = jobs.get(a);
                    Instant now = Instant.now();
                    startedAt[a] = now;
                    send(SyntheticRender.accepted(job, now));
                    send(SyntheticRender.started(job, now));
                    a++;
                }
            }
            producer.flush();
            boolean all = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();

            long[] primary = new long[n];
            long[] secondary = new long[n];
            int arrived = 0;
            int errors = 0;
            long last = t0;
            for (int i = 0; i < n; i++) {
                String node = jobs.get(i).workflowNodeId();
                long run = tracks[i].runCompletedAt();
                long nodeAt = tracks[i].nodeCompletedAt(node);
                long matched = matchNode ? nodeAt : run;
                primary[i] = matched == 0 ? Long.MAX_VALUE : matched - scheduled[i];
                long other = matchNode ? run : nodeAt;
                secondary[i] = other == 0 ? Long.MAX_VALUE : other - scheduled[i];
                if (matched != 0) {
                    arrived++;
                    last = Math.max(last, matched);
                }
                String failure = tracks[i].failure();
                if (matched == 0 || failure != null) {
                    errors++;
                }
                if (failure != null && errors <= 3) {
                    System.out.println("  " + jobs.get(i).workflowRunId() + ": " + failure);
                }
            }
            int missing = n - arrived;
            if (!all) {
                System.out.printf("  %d of %d completions had not arrived %d s after the last completed event was "
                        + "sent%n", missing, n, timeout.toSeconds());
            }
            Arrays.sort(primary);
            Arrays.sort(secondary);
            // throughput: completions from the first scheduled completed event to the last arrival (or the time-out)
            double seconds = ((arrived == n ? last : end) - (t0 + leadNanos)) / 1e9;
            errors += (sendErrors.get() - errorsBefore) + (listener.violations() - violationsBefore);
            String runLabel = "run completed";
            String nodeLabel = "node completed";
            return new Phase(name, rate, n, arrived, errors, Math.max(seconds, 1e-3), primary, secondary,
                    matchNode ? nodeLabel : runLabel, matchNode ? runLabel : nodeLabel);
        }

        private void send(RenderEvent event) {
            try {
                producer.send(new ProducerRecord<>(Topics.RENDER_EVENTS.topic(), event.jobId(), event), (m, e) -> {
                    if (e != null && sendErrors.incrementAndGet() <= 3) {
                        System.out.println("  render event not sent: " + e);
                    }
                });
                sent++;
            } catch (RuntimeException e) { // the validating serializer refused it: nothing left
                if (sendErrors.incrementAndGet() <= 3) {
                    System.out.println("  render event refused: " + e.getMessage());
                }
            }
        }

        long sent() {
            return sent;
        }

        int sendErrors() {
            return sendErrors.get();
        }
    }
}
