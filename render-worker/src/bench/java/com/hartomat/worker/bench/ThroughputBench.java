package com.hartomat.worker.bench;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.TopicCatalog;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput, measured (issue 15): the packaged worker (fast-jar, real PostgreSQL + Kafka from deploy/local) renders
 * a batch of small stills of one product (the gmsh-doc sample STEP assembly) side by side in one run:
 * <ol>
 * <li>{@code baseline}: a fresh Blender per job ({@code hartomat.worker.blender-pool.enabled=false}) and no mesh cache
 * ({@code hartomat.worker.mesh-cache.enabled=false});</li>
 * <li>{@code warm}: the warm Blender pool on and the mesh cache as the worker configures it (its default, true);</li>
 * </ol>
 * each with STEP input (every job names the STEP file, as legacy jobs do) and, to show the pool's share alone, with
 * GLB input (meshed once upstream). Then one still through the warm worker against the same scene run by a bare
 * {@code blender -b} (the worker's overhead). Prints the figures; nothing is asserted.
 *
 * <p>Run: {@code ./mvnw -B -o -Pbench -pl render-worker -am package exec:exec -DskipTests -Dexec.skip=true -Dexec.executable=java} (see docs/render-worker.md).
 */
public final class ThroughputBench {

    static final Path SAMPLE = RenderWorkerBench.SAMPLE;
    static final int STILLS = Integer.getInteger("bench.stills", 32);
    static final int SIZE = Integer.getInteger("bench.size", 128);
    static final int SAMPLES = Integer.getInteger("bench.samples", 8);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final boolean GLB_INPUT = Boolean.parseBoolean(System.getProperty("bench.glb", "true"));

    record Mode(String name, Map<String, String> properties) {
    }

    static final Mode BASELINE = new Mode("baseline (fresh Blender per job, no mesh cache)",
            Map.of("hartomat.worker.blender-pool.enabled", "false", "hartomat.worker.mesh-cache.enabled", "false"));
    static final Mode WARM = new Mode("warm pool + mesh cache (worker defaults)", Map.of());

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: run ./mvnw -B -o package -pl render-worker -am -DskipTests first");
        }
        try (LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath())) {
            Path root = infra.artifactRoot();
            Path workDir = Files.createTempDirectory("throughput-bench-");
            String step = "cad/bench/as1.stp.gz";
            Files.createDirectories(root.resolve(step).getParent());
            Files.copy(SAMPLE, root.resolve(step), StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("%d stills %dx%d, %d samples, Cycles CPU, worker concurrency 1; load average at start: %s%n",
                    STILLS, SIZE, SIZE, SAMPLES, RenderWorkerBench.loadAverage());

            String glb;
            Map<String, Double> stepSeconds = new LinkedHashMap<>();
            Map<String, Double> glbSeconds = new LinkedHashMap<>();
            try (Worker worker = Worker.start(jar, infra, workDir, BASELINE)) {
                glb = worker.bench().run(RenderWorkerBench.job(JobType.OCC_GLB_EXPORT, RenderContext.cadFile("bench"),
                        Map.of(), Map.of("step_path", step))).outputs().get("glb_path").toString();
                stepSeconds.put(BASELINE.name(), batch(worker, BASELINE, Map.of("step_path", step), "step"));
                if (GLB_INPUT) {
                    glbSeconds.put(BASELINE.name(), batch(worker, BASELINE, Map.of("glb_path", glb), "glb"));
                }
            }
            try (Worker worker = Worker.start(jar, infra, workDir, WARM)) {
                stepSeconds.put(WARM.name(), batch(worker, WARM, Map.of("step_path", step), "step"));
                if (GLB_INPUT) {
                    glbSeconds.put(WARM.name(), batch(worker, WARM, Map.of("glb_path", glb), "glb"));
                }
                overhead(worker, workDir, root, glb);
            }
            report("STEP input (every job names the STEP file)", stepSeconds);
            if (GLB_INPUT) {
                report("GLB input (meshed once upstream: the warm pool's share alone)", glbSeconds);
            }
            System.out.println("load average at the end: " + RenderWorkerBench.loadAverage());
        }
    }

    /** Sends {@code STILLS} stills at once and waits for all of them; returns the wall time in seconds. */
    static double batch(Worker worker, Mode mode, Map<String, Object> inputs, String label) throws Exception {
        Map<String, Object> params = Map.of("width", SIZE, "height", SIZE, "samples", SAMPLES, "seed", 1);
        List<RenderJob> jobs = new ArrayList<>();
        for (int i = 0; i < STILLS; i++) {
            jobs.add(RenderWorkerBench.job(JobType.STILL,
                    RenderContext.orderLine("tp-" + label + "-" + UUID.randomUUID(), "p-bench", null, null, "bench"), params,
                    inputs));
        }
        long t0 = System.nanoTime();
        List<RenderEvent> done = worker.runAll(jobs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long attemptMs = done.stream().mapToLong(e -> e.timings().durationMs()).sum();
        System.out.printf("  %-50s %-4s input: %d stills in %.1f s = %.2f stills/min (mean attempt %d ms); load %s%n",
                mode.name(), label, STILLS, seconds, STILLS * 60 / seconds, attemptMs / STILLS, RenderWorkerBench.loadAverage());
        return seconds;
    }

    static void report(String title, Map<String, Double> seconds) {
        double base = seconds.get(BASELINE.name());
        double warm = seconds.get(WARM.name());
        System.out.printf("THROUGHPUT %s: baseline %.1f s, warm %.1f s for %d stills: %.2fx (target >= 2x)%n", title, base,
                warm, STILLS, base / warm);
    }

    /** One still through the warm worker end to end against the same scene rendered by a bare blender -b. */
    static void overhead(Worker worker, Path workDir, Path root, String glb) throws Exception {
        Path script = workDir.resolve("hartomat_scene.py");
        try (InputStream in = ThroughputBench.class.getClassLoader().getResourceAsStream("blender/hartomat_scene.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> params = Map.of("width", SIZE, "height", SIZE, "samples", SAMPLES, "seed", 1);
        List<Long> workerMs = new ArrayList<>();
        List<Long> bareMs = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            long t0 = System.nanoTime();
            worker.bench().run(RenderWorkerBench.job(JobType.STILL, RenderContext.orderLine("ovh-" + round, null, null, null,
                    null), params, Map.of("glb_path", glb)));
            long worked = (System.nanoTime() - t0) / 1_000_000;
            long bare = RenderWorkerBench.bare(script, workDir, root.resolve(glb), root.resolve("bare/ovh-" + round + ".png"),
                    SIZE, SAMPLES);
            if (round > 0) {
                workerMs.add(worked);
                bareMs.add(bare);
            }
            System.out.printf("  overhead round %d%s: warm worker end to end %d ms, bare blender -b %d ms, ratio %.3f%n", round,
                    round == 0 ? " (warm-up, not counted)" : "", worked, bare, (double) worked / bare);
        }
        long w = RenderWorkerBench.median(workerMs);
        long b = RenderWorkerBench.median(bareMs);
        System.out.printf("OVERHEAD one still %dx%d, %d samples, %d rounds: median warm worker end to end %d ms, median bare"
                + " blender -b %d ms, ratio %.3f (target <= 1.05)%n", SIZE, SIZE, SAMPLES, ROUNDS, w, b, (double) w / b);
    }

    /** The packaged worker as a child JVM with one mode's settings (system properties win over its config). */
    record Worker(Process process, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> events,
            RenderWorkerBench.Bench bench) implements AutoCloseable {

        static Worker start(Path jar, LocalInfra infra, Path workDir, Mode mode) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(RenderWorkerBench.javaExecutable(), "-Xmx512m"));
            mode.properties().forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", jar.toString()));
            String name = mode == BASELINE ? "baseline" : "warm";
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("worker-" + name + ".log").toFile());
            builder.environment().putAll(RenderWorkerBench.workerEnvironment(infra, workDir, port, workDir.resolve("worker-" + name)));
            Process process = builder.start();
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
            KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            events.subscribe(List.of(Topics.RENDER_EVENTS.topic()));
            events.poll(Duration.ofMillis(500));
            RenderWorkerBench.awaitReady(port, process);
            Worker worker = new Worker(process, producer, events, new RenderWorkerBench.Bench(producer, events));
            // the same untimed warm-up for both modes (JIT, connections, the consumer's first assignment), on a job
            // that renders nothing, so the batch's first still finds no cache filled for it
            worker.bench().run(RenderWorkerBench.job(JobType.OCC_OBJECT_EXTRACT, RenderContext.cadFile("bench-warmup"),
                    Map.of(), Map.of("step_path", "cad/bench/as1.stp.gz")));
            Thread.sleep(3000);
            return worker;
        }

        List<RenderEvent> runAll(List<RenderJob> jobs) throws Exception {
            Set<String> waiting = new HashSet<>();
            for (RenderJob job : jobs) {
                producer.send(new ProducerRecord<>(Topics.RENDER_JOBS.topic(), job.key(), Topics.RENDER_JOBS.encode(job)));
                waiting.add(job.jobId());
            }
            producer.flush();
            List<RenderEvent> done = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(3600);
            while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(50))) {
                    RenderEvent event = Topics.RENDER_EVENTS.decode(record.value());
                    if (!waiting.contains(event.jobId())) {
                        continue;
                    }
                    if (event.eventType() == RenderEventType.FAILED) {
                        throw new IllegalStateException("job failed: " + event.failure());
                    }
                    if (event.eventType() == RenderEventType.COMPLETED) {
                        waiting.remove(event.jobId());
                        done.add(event);
                    }
                }
            }
            if (!waiting.isEmpty()) {
                throw new IllegalStateException(waiting.size() + " jobs without an outcome");
            }
            return done;
        }

        @Override
        public void close() throws Exception {
            producer.close();
            events.close();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
