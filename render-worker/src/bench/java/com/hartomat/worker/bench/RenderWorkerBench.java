package com.hartomat.worker.bench;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.TopicCatalog;
import com.hartomat.deploy.local.auth.ServiceAuth;
import com.hartomat.deploy.local.auth.StackKeys;
import com.hartomat.deploy.local.auth.TokenMint;
import com.hartomat.worker.blender.FreshBlender;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Worker overhead, measured: the packaged render worker (fast-jar, real PostgreSQL + Kafka from deploy/local)
 * renders a still end to end (job produced → completed event read back), side by side with the same
 * Blender command run bare on the same spec; then a turntable's per-frame time. Prints the figures.
 *
 * <p>Run: {@code mvn -B -o install -pl render-worker -DskipTests && mvn -B -o -Pbench -pl render-worker test-compile exec:exec}
 */
public final class RenderWorkerBench {

    static final Path SAMPLE = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");
    static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    static final int SIZE = Integer.getInteger("bench.size", 512);
    static final int SAMPLES = Integer.getInteger("bench.samples", 16);
    static final int FRAMES = Integer.getInteger("bench.frames", 24);

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: run mvn -B -o install -pl render-worker -DskipTests first");
        }
        try (LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath())) {
            Path root = infra.artifactRoot();
            Path workDir = Files.createTempDirectory("render-bench-");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("worker.log").toFile());
            builder.environment().putAll(workerEnvironment(infra, workDir, port, workDir.resolve("worker")));
            Process worker = builder.start();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(Map.of(
                         ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                         ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                         ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                         new StringDeserializer(), new ByteArrayDeserializer())) {
                events.subscribe(List.of(Topics.RENDER_EVENTS.topic()));
                awaitReady(port, worker);
                Bench bench = new Bench(producer, events);

                Path step = root.resolve("cad/bench/as1.stp.gz");
                Files.createDirectories(step.getParent());
                Files.copy(SAMPLE, step, StandardCopyOption.REPLACE_EXISTING);
                RenderEvent converted = bench.run(job(JobType.OCC_GLB_EXPORT, RenderContext.cadFile("bench"), Map.of(),
                        Map.of("step_path", "cad/bench/as1.stp.gz")));
                String glb = converted.outputs().get("glb_path").toString();

                Path script = workDir.resolve("hartomat_scene.py");
                try (InputStream in = RenderWorkerBench.class.getClassLoader().getResourceAsStream("blender/hartomat_scene.py")) {
                    Files.copy(in, script);
                }
                Map<String, Object> params = Map.of("width", SIZE, "height", SIZE, "samples", SAMPLES, "seed", 1);
                List<Long> workerMs = new ArrayList<>();
                List<Long> bareMs = new ArrayList<>();
                List<Long> insideMs = new ArrayList<>();
                List<Long> blenderInWorkerMs = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                System.out.println("load average at start: " + loadAverage());
                for (int round = 0; round <= ROUNDS; round++) {
                    String line = "bench-" + round;
                    long t0 = System.nanoTime();
                    RenderEvent still = bench.run(job(JobType.STILL, RenderContext.orderLine(line, null, null, null, null),
                            params, Map.of("glb_path", glb)));
                    long worked = (System.nanoTime() - t0) / 1_000_000;
                    long inside = still.timings().durationMs();
                    long blenderInWorker = blenderMillis(infra, still.jobId());
                    long bare = bare(script, workDir, root.resolve(glb), root.resolve("bare/" + line + ".png"), SIZE, SAMPLES);
                    if (round > 0) {
                        workerMs.add(worked);
                        bareMs.add(bare);
                        insideMs.add(inside);
                        blenderInWorkerMs.add(blenderInWorker);
                        ratios.add((double) worked / bare);
                    }
                    System.out.printf("round %d%s: worker end-to-end %d ms (attempt %d ms, its Blender process %d ms),"
                            + " bare Blender %d ms, ratio %.3f%n", round, round == 0 ? " (warm-up, not counted)" : "", worked,
                            inside, blenderInWorker, bare, (double) worked / bare);
                }
                long w = median(workerMs);
                long b = median(bareMs);
                double pairedRatio = ratios.stream().sorted().toList().get(ratios.size() / 2);
                System.out.printf("STILL %dx%d %d samples, %d rounds: median worker end-to-end %d ms (attempt inside the worker %d ms),"
                        + " median bare %d ms, ratio of medians %.3f, median per-round ratio %.3f (target <= 1.05)%n",
                        SIZE, SIZE, SAMPLES, ROUNDS, w, median(insideMs), b, (double) w / b, pairedRatio);
                System.out.printf("overhead decomposition (medians): Kafka + ledger + outbox %d ms, worker around Blender %d ms,"
                        + " Blender launched by the worker %d ms vs bare %d ms%n",
                        median(diff(workerMs, insideMs)), median(diff(insideMs, blenderInWorkerMs)), median(blenderInWorkerMs), b);
                System.out.println("load average after the stills: " + loadAverage());

                Map<String, Object> turntable = Map.of("width", 256, "height", 256, "samples", 8, "seed", 1,
                        "frame_count", FRAMES, "fps", 24);
                long t0 = System.nanoTime();
                RenderEvent done = bench.run(job(JobType.TURNTABLE, RenderContext.orderLine("bench-tt", null, null, null, null),
                        turntable, Map.of("glb_path", glb)));
                long ttMs = (System.nanoTime() - t0) / 1_000_000;
                long frames = done.artifacts().stream().filter(a -> a.role().equals("frame")).count();
                System.out.printf("TURNTABLE %d frames 256x256 8 samples + H.264 MP4: worker end-to-end %d ms, %.0f ms per frame%n",
                        frames, ttMs, (double) ttMs / frames);
            } finally {
                worker.destroy();
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    /** The same command the worker runs, on a spec the worker would write for this still. */
    static long bare(Path script, Path workDir, Path glb, Path out, int size, int samples) throws Exception {
        Files.createDirectories(out.getParent());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("render", Map.of("engine", "CYCLES", "width", size, "height", size, "samples", samples, "seed", 1,
                "transparent_background", false));
        spec.put("template", Map.of());
        spec.put("materials", List.of());
        spec.put("model", Map.of("glb", glb.toString()));
        spec.put("outputs", Map.of("still", out.toString()));
        Path specFile = workDir.resolve("bare-spec.json");
        Files.write(specFile, Json.mapper().writeValueAsBytes(spec));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(FreshBlender.command("blender", script, specFile)).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("bare.log").toFile()).start();
        int exit = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException("bare Blender failed with " + exit + ", see " + workDir.resolve("bare.log"));
        }
        return ms;
    }

    static RenderJob job(JobType type, RenderContext context, Map<String, Object> params, Map<String, Object> inputs) {
        return RenderJob.of("bench-" + UUID.randomUUID(), type, "bench", ExecutionMode.GRAPH, null, null, null, null, context,
                params, inputs, Publication.legacy(), null, Instant.now());
    }

    record Bench(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> events) {
        RenderEvent run(RenderJob job) throws Exception {
            producer.send(new ProducerRecord<>(Topics.RENDER_JOBS.topic(), job.key(), Topics.RENDER_JOBS.encode(job))).get();
            Instant deadline = Instant.now().plusSeconds(600);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(20))) {
                    RenderEvent event = Topics.RENDER_EVENTS.decode(record.value());
                    if (event.jobId().equals(job.jobId()) && event.eventType() == RenderEventType.COMPLETED) {
                        return event;
                    }
                    if (event.jobId().equals(job.jobId()) && event.eventType() == RenderEventType.FAILED) {
                        throw new IllegalStateException("job failed: " + event.failure());
                    }
                }
            }
            throw new IllegalStateException("no outcome for " + job.jobId());
        }
    }

    /**
     * What the packaged worker needs as a child process: the infrastructure's connection settings, its port and
     * scratch folder, and a stack key set to trust tokens with (the worker refuses to start without one, as every
     * service of the suite does; the bench sends it none, it only calls the open health endpoint).
     */
    static Map<String, String> workerEnvironment(LocalInfra infra, Path workDir, int port, Path scratch) {
        Map<String, String> env = new java.util.HashMap<>(infra.serviceEnvironment("render_worker"));
        env.putAll(ServiceAuth.environment(StackKeys.loadOrCreate(workDir.resolve("auth")), TokenMint.LOCAL_ISSUER, false));
        env.put("HARTOMAT_HTTP_PORT", Integer.toString(port));
        env.put("HARTOMAT_WORKER_WORK_DIR", scratch.toString());
        return env;
    }

    static void awaitReady(int port, Process worker) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!worker.isAlive()) {
                throw new IllegalStateException("the worker exited with " + worker.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL()
                        .openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the worker did not become ready");
    }

    /** The Blender wall time the worker logged for the job's attempt ("[worker] blender ended ... after N ms"). */
    static long blenderMillis(LocalInfra infra, String jobId) throws Exception {
        try (java.sql.Connection c = infra.postgres().superuserConnection();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT log FROM render_worker.job_attempt WHERE job_id = ? ORDER BY attempt DESC LIMIT 1")) {
            s.setString(1, jobId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[worker\\] \\S*blender ended .* after (\\d+) ms")
                        .matcher(rs.getString(1));
                long last = -1;
                while (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
                return last;
            }
        }
    }

    static List<Long> diff(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) - b.get(i));
        }
        return out;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
