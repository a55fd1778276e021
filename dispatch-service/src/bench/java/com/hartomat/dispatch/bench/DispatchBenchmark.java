package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.ServiceJvm;
import com.hartomat.deploy.local.auth.ServiceAuth;
import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.deploy.local.TopicCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark harness (not a test): real PostgreSQL + Kafka from deploy/local, the built dispatch-service
 * (target/quarkus-app) as a child process, one graph-mode still workflow (setup → template → materials → render →
 * output_save), and order lines dispatched over HTTP.
 *
 * <p>After a warm-up, each paced phase offers dispatches at a fixed rate (open loop, latency measured from the
 * scheduled send time, so a slow server cannot hide its queueing); the last phase saturates with a fixed number of
 * requests in flight. After each phase it waits until the outbox relay has sent every job and status event to Kafka,
 * and prints the CPU each component spent per dispatch.
 *
 * <p>With {@code -Dbench.events=true} a {@link SyntheticWorker} answers every dispatched job with {@code accepted},
 * {@code started} and {@code completed} on {@code render.events.v1} while the dispatches run, so the service's run
 * lifecycle (its consumer of render events) carries its share of the load; after each phase the harness also waits
 * until the service has consumed every render event and the outbox has sent the resulting status events.
 *
 * <p>Run (see docs/dispatch.md § Benchmark): {@code ./mvnw -B -Pbench -pl dispatch-service package exec:java -DskipTests}
 * (system properties: bench.count=10000, bench.rates=500 (comma-separated), bench.concurrency=16, bench.warmup=20000,
 * bench.warmup.rate=200, bench.events=false, bench.timeline=false, bench.service.jvm=extra JVM flags for the service,
 * e.g. a flight recording).
 *
 * <p>It ends by itself: exec:java joins every non-daemon thread the benchmark started before Maven can exit, so
 * everything that owns threads (the Vert.x load client, Kafka clients, the service process, the infrastructure) is
 * closed in {@code finally} blocks, also when a phase fails.
 */
public final class DispatchBenchmark {

    /** The dispatches' bearer token: an operator of the test key pair the service is started to trust. */
    private static final String OPERATOR = "Bearer " + TestTokens.forRole("operator");

    public static void main(String[] args) throws Exception {
        // exec:java runs in an isolated class loader that DriverManager's service scan does not see
        Class.forName("org.postgresql.Driver");
        int count = Integer.getInteger("bench.count", 10_000);
        List<Integer> rates = Arrays.stream(System.getProperty("bench.rates", "500").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        // the JIT keeps compiling for tens of thousands of requests; a steady-state figure needs a long warm-up
        int warmup = Integer.getInteger("bench.warmup", 20_000);
        int warmupRate = Integer.getInteger("bench.warmup.rate", 200);
        boolean events = Boolean.getBoolean("bench.events");
        Path app = serviceJar();
        System.out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath()); Admin admin = infra.kafka().admin()) {
            int port = freePort();
            Process service = startService(infra, app, port);
            cpu = new CpuMeter(service.pid());
            Vertx vertx = null;
            try {
                String base = "http://127.0.0.1:" + port;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                awaitReady(http, base);
                vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
                load = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
                String outputType = seedRegistry(infra);
                List<String> lines = seedOrderLines(infra, outputType, warmup + rates.get(0) * 10 + (rates.size() + 1) * count);
                awaitReadModel(infra, outputType);
                if (events) {
                    worker = SyntheticWorker.start(infra.kafka().bootstrapServers());
                    System.out.println("synthetic worker: answers every job on render.jobs.v1 with accepted, started, "
                            + "completed on render.events.v1");
                }

                int next = 0;
                // paced below capacity, so the JIT compiler threads get the CPU they need to finish
                run("warm-up (paced " + warmupRate + "/s)", http, base, lines.subList(next, next += warmup), warmupRate, 0);
                drain(infra, admin, "warm-up");
                // then briefly at the first measured rate: connection pools grow to that load (new PostgreSQL
                // backends plan their statements afresh) and the JIT re-profiles, before anything is measured
                int settle = Math.max(1, rates.get(0) * 10);
                run("settle (paced " + rates.get(0) + "/s)", http, base, lines.subList(next, next += settle), rates.get(0), 0);
                drain(infra, admin, "settle");
                List<Result> results = new ArrayList<>();
                for (int rate : rates) {
                    StatementStats.reset(infra);
                    results.add(run("paced " + rate + "/s", http, base, lines.subList(next, next += count), rate, 0));
                    drain(infra, admin, "paced " + rate + "/s");
                    StatementStats.print(infra);
                }
                results.add(run("saturation (" + concurrency + " in flight)", http, base,
                        lines.subList(next, next += count), 0, concurrency));
                drain(infra, admin, "saturation");
                System.out.println();
                results.forEach(r -> System.out.println("RESULT " + r));
                System.out.printf("RESULT graph runs written: %s, render jobs on %s: %d, outbox rows left: %s%n",
                        scalar(infra, "SELECT count(*) FROM dispatch.workflow_runs WHERE execution_mode = 'graph'"),
                        Topics.RENDER_JOBS.topic(), messagesOn(infra, Topics.RENDER_JOBS.topic()),
                        scalar(infra, "SELECT count(*) FROM dispatch.outbox"));
                if (worker != null) {
                    System.out.printf("RESULT %s; runs completed: %s, runs failed: %s, messages on %s: %d%n",
                            worker.summary(),
                            scalar(infra, "SELECT count(*) FROM dispatch.workflow_runs WHERE status = 'completed'"),
                            scalar(infra, "SELECT count(*) FROM dispatch.workflow_runs WHERE status = 'failed'"),
                            Topics.RUNS_STATUS.topic(), messagesOn(infra, Topics.RUNS_STATUS.topic()));
                }
            } finally {
                if (worker != null) {
                    worker.close();
                }
                closeVertx(vertx);
                stopService(service);
            }
        }
        reportLiveThreads();
    }

    record Result(String phase, int count, int errors, double seconds, long p50, long p95, long p99, long max) {
        @Override
        public String toString() {
            return String.format("%-32s %6d dispatches in %6.2f s = %7.1f/s, errors %d, latency p50 %.2f ms, p95 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms", phase, count, seconds, count / seconds, errors, p50 / 1e6, p95 / 1e6,
                    p99 / 1e6, max / 1e6);
        }
    }

    /** Server-side dispatch count and summed seconds from the service's own Micrometer timer. */
    static double[] serverTimer(HttpClient http, String base) {
        double count = 0;
        double sum = 0;
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (!line.contains("uri=\"/api/order-lines/{id}/dispatch\"")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count")) {
                    count += value;
                } else if (line.startsWith("http_server_requests_seconds_sum")) {
                    sum += value;
                }
            }
        } catch (Exception e) {
            // metrics are a diagnostic only
        }
        return new double[] {count, sum};
    }

    static CpuMeter cpu;
    /** With -Dbench.events=true: answers the dispatched jobs with render events; null otherwise. */
    static SyntheticWorker worker;
    /** The load: a Vert.x client (one event loop, pooled keep-alive connections), far cheaper per request than
     * java.net.http, so the generator takes less of the two cores the stack under test needs. */
    static io.vertx.core.http.HttpClient load;

    /** rate > 0: open loop at that rate; otherwise closed loop with {@code concurrency} requests in flight. */
    static Result run(String phase, HttpClient http, String base, List<String> lines, int rate, int concurrency)
            throws InterruptedException {
        double[] before = serverTimer(http, base);
        Map<String, Long> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        try {
            return measure(phase, load, lines, rate, concurrency);
        } finally {
            System.out.println(CpuMeter.perDispatch(cpuBefore, cpu.snapshot(), lines.size(),
                    (System.nanoTime() - start) / 1e9));
            double[] after = serverTimer(http, base);
            double n = after[0] - before[0];
            if (n > 0) {
                System.out.printf("  server-side mean time per dispatch (Micrometer http_server_requests): %.2f ms%n",
                        (after[1] - before[1]) / n * 1000);
            }
        }
    }

    static Result measure(String phase, io.vertx.core.http.HttpClient load, List<String> lines, int rate, int concurrency)
            throws InterruptedException {
        long[] latencies = new long[lines.size()];
        long[] sentAt = new long[lines.size()];
        AtomicInteger errors = new AtomicInteger();
        Timeline timeline = Boolean.getBoolean("bench.timeline") ? Timeline.start(cpu) : null;
        CountDownLatch done = new CountDownLatch(lines.size());
        // open loop keeps at most 256 requests in flight so an overloaded server shows up as latency, not as
        // thousands of client connections
        Semaphore inFlight = new Semaphore(concurrency > 0 ? concurrency : 256);
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long start = System.nanoTime();
        for (int i = 0; i < lines.size(); i++) {
            long scheduled;
            if (rate > 0) {
                scheduled = start + i * interval;
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
            } else {
                inFlight.acquire();
                scheduled = System.nanoTime();
            }
            int index = i;
            sentAt[i] = scheduled;
            load.request(HttpMethod.POST, "/api/order-lines/" + lines.get(i) + "/dispatch")
                    .compose(request -> request.putHeader("Authorization", OPERATOR).send().compose(response -> response.body()
                            .map(body -> response.statusCode() == 200 && body.toString().contains("workflow_graph")
                                    ? null : response.statusCode() + " " + body)))
                    .onComplete(outcome -> {
                        latencies[index] = System.nanoTime() - scheduled;
                        String problem = outcome.failed() ? String.valueOf(outcome.cause()) : outcome.result();
                        if (problem != null && errors.incrementAndGet() <= 3) {
                            System.out.println("  error: " + problem);
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (timeline != null) {
            timeline.stopAndPrint(sentAt, latencies);
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Result result = new Result(phase, lines.size(), errors.get(), seconds, pct(sorted, 0.50), pct(sorted, 0.95),
                pct(sorted, 0.99), sorted[sorted.length - 1]);
        System.out.println(result + "  (load average " + loadAverage() + ")");
        return result;
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "n/a";
        }
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static Process startService(LocalInfra infra, Path app, int port) throws IOException {
        // the service runs as ./hartomat up runs it (ServiceJvm: heap, JIT compiler threads at nice 19), plus e.g.
        // -Dbench.service.jvm="-XX:StartFlightRecording=filename=/tmp/dispatch.jfr,settings=profile"
        String extra = System.getProperty("bench.service.jvm", "").trim();
        List<String> command = ServiceJvm.command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")), app.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(app.getParent().getParent().resolve("bench-service.log").toFile());
        Map<String, String> env = new HashMap<>(infra.serviceEnvironment("dispatch"));
        env.put("HARTOMAT_HTTP_PORT", Integer.toString(port));
        env.put("HARTOMAT_REGISTRY_URL", "http://127.0.0.1:1");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        // the service trusts the test key pair's tokens, as ./hartomat up makes it trust the stack's (docs/security.md)
        env.putAll(ServiceAuth.environment(TestTokens.keys(), TestTokens.ISSUER, true));
        pb.environment().putAll(env);
        System.out.println("service: " + String.join(" ", command) + " (log: target/bench-service.log)");
        return pb.start();
    }

    static void awaitReady(HttpClient http, String base) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not ready after 60 s; see target/bench-service.log");
    }

    static String seedRegistry(LocalInfra infra) throws Exception {
        String workflow = UUID.randomUUID().toString();
        String outputType = UUID.randomUUID().toString();
        Map<String, Object> config = Map.of("version", 1, "ui", Map.of("preset", "custom", "execution_mode", "graph"),
                "nodes", List.of(
                        Map.of("id", "setup", "step", "order_line_setup", "params", Map.of()),
                        Map.of("id", "template", "step", "resolve_template", "params", Map.of()),
                        Map.of("id", "populate_materials", "step", "auto_populate_materials", "params", Map.of()),
                        Map.of("id", "resolve_materials", "step", "material_map_resolve", "params", Map.of()),
                        Map.of("id", "render", "step", "blender_still", "params", Map.of("width", 1024, "height", 768)),
                        Map.of("id", "output", "step", "output_save", "params", Map.of())),
                "edges", List.of(Map.of("from", "setup", "to", "template"), Map.of("from", "setup", "to", "populate_materials"),
                        Map.of("from", "template", "to", "resolve_materials"),
                        Map.of("from", "populate_materials", "to", "resolve_materials"),
                        Map.of("from", "template", "to", "render"), Map.of("from", "resolve_materials", "to", "render"),
                        Map.of("from", "render", "to", "output")));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                infra.kafka().bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES.topic(), workflow, Topics.REGISTRY_CHANGES.encode(
                    new RegistryChange(UUID.randomUUID().toString(), RegistryChange.WORKFLOW_DEFINITION, workflow,
                            RegistryChange.UPSERT, 1, Instant.now(), Map.of("id", workflow, "name", "bench still",
                                    "version", 1, "is_active", true, "config", config))))).get();
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES.topic(), outputType, Topics.REGISTRY_CHANGES.encode(
                    new RegistryChange(UUID.randomUUID().toString(), RegistryChange.OUTPUT_TYPE, outputType,
                            RegistryChange.UPSERT, 1, Instant.now(), Map.of("id", outputType, "name", "bench still",
                                    "artifact_kind", "still_image", "workflow_definition_id", workflow,
                                    "render_settings", Map.of("samples", 16)))))).get();
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES.topic(), "tpl-bench", Topics.REGISTRY_CHANGES.encode(
                    new RegistryChange(UUID.randomUUID().toString(), RegistryChange.RENDER_TEMPLATE, "tpl-bench",
                            RegistryChange.UPSERT, 1, Instant.now(), Map.of("id", "tpl-bench", "category_key", "bench",
                                    "name", "Bench", "template_path", "templates/bench.blend", "use_materials", true))))).get();
            producer.send(new ProducerRecord<>(Topics.REGISTRY_CHANGES.topic(), "mat-steel", Topics.REGISTRY_CHANGES.encode(
                    new RegistryChange(UUID.randomUUID().toString(), RegistryChange.MATERIAL, "mat-steel",
                            RegistryChange.UPSERT, 1, Instant.now(), Map.of("id", "mat-steel", "name", "Steel",
                                    "aliases", List.of("St37"), "definition", Map.of("base_color", List.of(0.6, 0.6, 0.62)))))))
                    .get();
        }
        return outputType;
    }

    static List<String> seedOrderLines(LocalInfra infra, String outputType, int n) throws Exception {
        UUID cad = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        String stored = "step_files/" + cad + "/bench.step";
        Path file = infra.artifactRoot().resolve(stored);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ISO-10303-21;\nEND-ISO-10303-21;\n");
        List<String> lines = new ArrayList<>(n);
        try (Connection c = infra.postgres().superuserConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO dispatch.cad_files (id, original_name, stored_path, file_hash, parsed_objects) VALUES ('"
                        + cad + "', 'bench.step', '" + stored + "', 'bench', '{\"objects\": [\"Body\", \"Lid\"]}')");
                s.execute("INSERT INTO dispatch.products (id, pim_id, name, category_key, cad_file_id, cad_part_materials) "
                        + "VALUES ('" + product + "', 'PIM-BENCH', 'Bench', 'bench', '" + cad
                        + "', '[{\"part_name\": \"Body\", \"material\": \"Steel\"}]')");
                s.execute("INSERT INTO dispatch.orders (id, order_number, created_by, status) VALUES ('" + order
                        + "', 'BENCH-1', 'bench', 'processing')");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dispatch.order_lines (id, order_id, product_id, "
                    + "output_type_id) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    UUID id = UUID.randomUUID();
                    lines.add(id.toString());
                    ps.setObject(1, id);
                    ps.setObject(2, order);
                    ps.setObject(3, product);
                    ps.setString(4, outputType);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        System.out.printf("seeded %d order lines%n", n);
        return lines;
    }

    static void awaitReadModel(LocalInfra infra, String outputType) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (((Number) scalar(infra, "SELECT count(*) FROM dispatch.registry_entities")).intValue() >= 4) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("read model not filled from registry.changes.v1");
    }

    /**
     * After a phase: the outbox is empty; with the synthetic worker, also every job answered, every render event
     * consumed by the service, and the status events that produced sent.
     */
    static void drain(LocalInfra infra, Admin admin, String phase) throws Exception {
        drainOutbox(infra, phase);
        if (worker == null) {
            return;
        }
        long jobs = messagesOn(infra, Topics.RENDER_JOBS.topic());
        if (!worker.awaitJobs(jobs, Duration.ofMinutes(2))) {
            System.out.printf("  synthetic worker answered only %d of %d jobs within 2 minutes%n", worker.jobs(), jobs);
        }
        System.out.println("  " + EventConsumers.awaitCaughtUp(admin, Duration.ofMinutes(5)));
        drainOutbox(infra, phase + " render events");
        System.out.println("  " + worker.summary());
    }

    /** The packaged service, built by {@code package} before exec:java runs. */
    static Path serviceJar() {
        Path app = Path.of(System.getProperty("bench.dir", ".")).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException("build first: " + app.toAbsolutePath() + " is missing");
        }
        return app;
    }

    /** Closes the load client's Vert.x: its event-loop threads are not daemons and would keep exec:java waiting. */
    static void closeVertx(Vertx vertx) {
        if (vertx == null) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("Vert.x did not close within 10 s: " + e);
        }
    }

    static void stopService(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(20, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * exec:java waits for every non-daemon thread before Maven may exit: name any that is still alive after a few
     * seconds' grace (Netty's global executor ends by itself about a second after Vert.x closed), so a hang after the
     * RESULT lines has a culprit instead of a silence.
     */
    static void reportLiveThreads() throws InterruptedException {
        Thread self = Thread.currentThread();
        List<Thread> candidates = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != self && t.isAlive() && !t.isDaemon() && t.getThreadGroup() != null
                        && self.getThreadGroup().parentOf(t.getThreadGroup()))
                .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : candidates) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        List<String> alive = candidates.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
        if (!alive.isEmpty()) {
            System.out.println("WARNING non-daemon threads still alive (exec:java waits for them): " + alive);
        }
    }

    /** Waits until the relay has sent (and so removed) every outbox row. */
    static void drainOutbox(LocalInfra infra, String phase) throws Exception {
        long start = System.nanoTime();
        while (((Number) scalar(infra, "SELECT count(*) FROM dispatch.outbox")).longValue() > 0) {
            Thread.sleep(50);
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("outbox not drained after 5 minutes");
            }
        }
        System.out.printf("  outbox drained %.2f s after the %s phase ended (%d render jobs on the topic in total)%n",
                (System.nanoTime() - start) / 1e9, phase, messagesOn(infra, Topics.RENDER_JOBS.topic()));
    }

    /** Messages on a topic: the sum of its partitions' end offsets. */
    static long messagesOn(LocalInfra infra, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                infra.kafka().bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Object scalar(LocalInfra infra, String sql) throws Exception {
        try (Connection c = infra.postgres().superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
