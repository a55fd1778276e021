package com.hartomat.worker;

import com.hartomat.contracts.deadletter.DeadLetters;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.worker.blender.BlenderPool;
import com.hartomat.worker.blender.BlenderProbe;
import com.hartomat.worker.blender.BlenderRunner;
import com.hartomat.worker.blender.FreshBlender;
import com.hartomat.worker.blender.RecyclePolicy;
import com.hartomat.worker.cad.GmshMesher;
import com.hartomat.worker.cad.Tessellation;
import com.hartomat.worker.cad.TessellationSettings;
import com.hartomat.worker.jobs.ConcurrencyLimit;
import com.hartomat.worker.jobs.AttemptBudget;
import com.hartomat.worker.jobs.Heartbeats;
import com.hartomat.worker.jobs.JobExecutor;
import com.hartomat.worker.jobs.JobProcessor;
import com.hartomat.worker.ledger.JobLedger;
import com.hartomat.worker.meshcache.MeshCache;
import com.hartomat.worker.messaging.ConsumerState;
import com.hartomat.worker.messaging.RenderJobConsumer;
import com.hartomat.worker.status.WorkerActivity;
import com.hartomat.worker.storage.ArtifactStore;
import com.hartomat.worker.storage.StoragePaths;
import com.hartomat.worker.tracing.JobTracing;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Tracer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Wires the worker's plain classes together at start-up and runs the job consumer until shutdown. */
@ApplicationScoped
public class WorkerRuntime {

    private static final Logger LOG = Logger.getLogger(WorkerRuntime.class);

    @Inject
    WorkerConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeadLetters deadLetters;

    @Inject
    OutboxRelayLifecycle outbox;

    @Inject
    MeterRegistry meters;

    @Inject
    AttemptRunners attemptRunners;

    @Inject
    Tracer tracer;

    @Inject
    com.hartomat.worker.control.WorkerControl control;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private final WorkerActivity activity = new WorkerActivity();
    private volatile BlenderProbe.Result blender = BlenderProbe.Result.unavailable("blender", "not probed yet");
    private volatile String workerId;
    private volatile JobExecutor executor;
    private volatile BlenderRunner blenderRunner;
    private volatile RenderJobConsumer consumer;
    private volatile JobProcessor processor;
    private volatile Heartbeats heartbeats;
    private volatile ConcurrencyLimit concurrency;

    void start(@Observes StartupEvent event) throws IOException {
        workerId = config.worker().id().orElseGet(WorkerRuntime::defaultWorkerId);
        blender = BlenderProbe.probe(config.blender().path(), config.blender().probeTimeout());
        if (blender.available()) {
            LOG.infof("render worker %s: Blender %s at %s", workerId, blender.version(), blender.executable());
        } else {
            LOG.warnf("render worker %s: Blender unavailable: %s", workerId, blender.reason());
        }
        Path workDir = config.worker().workDir().toAbsolutePath();
        Files.createDirectories(workDir);
        Files.createDirectories(config.storage().root());
        Path script = extractScript(workDir, "hartomat_scene.py");
        concurrency = concurrencyLimit();
        blenderRunner = blenderRunner(script, workDir);
        JobTracing tracing = new JobTracing(tracer);
        StoragePaths paths = new StoragePaths(config.storage().root());
        executor = new JobExecutor(new ArtifactStore(paths),
                new GmshMesher(config.gmsh().path(), new TessellationSettings(Tessellation.curvatureElements(
                        config.gmsh().curvatureElements(), config.gmsh().designSizePx(), config.gmsh().facetTolerancePx())),
                        tracing),
                blenderRunner, workDir, () -> blender, config.worker().logLimitBytes(), tracing, meshCache());
        processor = new JobProcessor(new JobLedger(dataSource), attemptRunners.around(executor), executor.logLimit(),
                new AttemptBudget(config.worker().maxAttempts()), activity, workerId,
                JobProcessor.timeouts(config.worker().timeouts(), config.worker().defaultTimeout()), outbox::wakeUp,
                this::record, control.cancelledJobs(), heartbeats = new Heartbeats(config.worker().heartbeatInterval()));
        LOG.infof("render worker %s: %s", workerId, concurrency.describe());
        if (config.worker().consume()) {
            consumer = new RenderJobConsumer(bootstrapServers, config.worker().groupId(), workerId, deadLetters,
                    processor::process, tracing, concurrency.effective(), config.worker().shutdownGrace());
            consumer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
        }
        if (blenderRunner != null) {
            blenderRunner.close();
        }
        if (heartbeats != null) {
            heartbeats.close();
        }
    }

    /** The warm pool (started at once when Blender is there) or, switched off, a fresh Blender per job. */
    private BlenderRunner blenderRunner(Path sceneScript, Path workDir) throws IOException {
        WorkerConfig.BlenderPool pool = config.worker().blenderPool();
        if (!pool.enabled()) {
            LOG.infof("warm Blender pool off: a fresh Blender per job");
            return new FreshBlender(config.blender().path(), sceneScript);
        }
        int size = pool.size().orElse(concurrency.effective());
        BlenderPool warm = new BlenderPool(config.blender().path(), extractScript(workDir, "hartomat_warm.py"), sceneScript,
                workDir, size, new RecyclePolicy(pool.maxJobsPerProcess(), pool.memoryCeilingMb() * 1024 * 1024));
        if (blender.available()) {
            warm.prewarm();
        }
        FunctionCounter.builder("render_worker_blender_processes_started", warm, BlenderPool::started)
                .description("warm Blender processes started (the first ones and every replacement)").register(meters);
        FunctionCounter.builder("render_worker_blender_processes_retired", warm, BlenderPool::retired)
                .description("warm Blender processes retired (recycled, crashed, timed out, over the memory ceiling, killed)")
                .register(meters);
        LOG.infof("warm Blender pool: %d process(es), recycled after %d jobs, memory ceiling %d MiB", size,
                pool.maxJobsPerProcess(), pool.memoryCeilingMb());
        return warm;
    }

    /** The shared mesh cache, counting {@code hartomat_worker_mesh_cache_total{result}}; null when it is off. */
    private MeshCache meshCache() {
        if (!config.worker().meshCache().enabled()) {
            LOG.info("mesh cache off: every job meshes its STEP file");
            return null;
        }
        for (MeshCache.Result result : MeshCache.Result.values()) {
            meters.counter("hartomat_worker_mesh_cache", "result", result.wire());
        }
        return new MeshCache(config.storage().root().resolve(MeshCache.DIR), config.worker().meshCache().maxEntries(),
                result -> meters.counter("hartomat_worker_mesh_cache", "result", result.wire()).increment());
    }

    private ConcurrencyLimit concurrencyLimit() {
        long budget = config.worker().memoryBudgetMb().orElseGet(() -> ConcurrencyLimit.defaultBudgetMb(
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize(),
                Runtime.getRuntime().maxMemory()));
        return ConcurrencyLimit.of(config.worker().concurrency(), budget, config.worker().memoryEstimatesMb(),
                config.worker().defaultMemoryEstimateMb());
    }

    /** {@code render_worker_jobs_total} and {@code render_worker_job_duration_seconds} by job type and outcome. */
    private void record(RenderJob job, String outcome, String failureCode, Duration duration) {
        String code = failureCode == null ? "none" : failureCode;
        meters.counter("render_worker_jobs", "job_type", job.jobType().wire(), "outcome", outcome,
                "failure_code", code).increment();
        if (!outcome.equals("replayed")) {
            Timer.builder("render_worker_job_duration").tags("job_type", job.jobType().wire(), "outcome", outcome)
                    .register(meters).record(duration);
        }
    }

    /**
     * A script of the worker's resources under a name carrying its content's hash: workers of different builds sharing
     * one work dir (test runs of several checkouts on one machine, a rolling update) never run each other's script.
     */
    private static Path extractScript(Path workDir, String name) {
        try (InputStream in = WorkerRuntime.class.getClassLoader().getResourceAsStream("blender/" + name)) {
            if (in == null) {
                throw new IllegalStateException("blender/" + name + " missing from the worker's resources");
            }
            byte[] script = in.readAllBytes();
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(script));
            String base = name.replace(".py", "");
            Path target = workDir.resolve(base + "-" + hash.substring(0, 16) + ".py");
            Path temp = Files.createTempFile(workDir, base, ".py");
            Files.write(temp, script);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String defaultWorkerId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (IOException e) {
            return "render-worker-" + ProcessHandle.current().pid();
        }
    }

    /** The delivery logic itself, e.g. for driving one job without Kafka. */
    public JobProcessor processor() {
        return processor;
    }

    public BlenderProbe.Result blender() {
        return blender;
    }

    public String workerId() {
        return workerId;
    }

    public String version() {
        return version;
    }

    public WorkerActivity activity() {
        return activity;
    }

    /** Jobs run at once: the configured concurrency within the memory budget. */
    public int capacity() {
        ConcurrencyLimit limit = concurrency;
        return limit == null ? config.worker().concurrency() : limit.effective();
    }

    public boolean consuming() {
        return consumerState().consuming();
    }

    /** Whether this instance is meant to consume render.jobs.v1 at all ({@code hartomat.worker.consume}). */
    public boolean consumes() {
        return config.worker().consume();
    }

    /** The job consumer's state; "not started" until start-up created it. */
    public ConsumerState.Snapshot consumerState() {
        RenderJobConsumer current = consumer;
        return current == null ? new ConsumerState.Snapshot(false, "not started") : current.state();
    }

    /** The warm pool, or null when it is switched off. */
    public BlenderPool blenderPool() {
        return blenderRunner instanceof BlenderPool pool ? pool : null;
    }

    public int busy() {
        return consumer == null ? 0 : consumer.busy();
    }
}
