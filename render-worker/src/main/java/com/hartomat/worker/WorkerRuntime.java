package com.hartomat.worker;

import com.hartomat.contracts.deadletter.DeadLetters;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.worker.blender.BlenderProbe;
import com.hartomat.worker.cad.GmshMesher;
import com.hartomat.worker.cad.Tessellation;
import com.hartomat.worker.jobs.AttemptBudget;
import com.hartomat.worker.jobs.JobExecutor;
import com.hartomat.worker.jobs.JobProcessor;
import com.hartomat.worker.ledger.JobLedger;
import com.hartomat.worker.messaging.ConsumerState;
import com.hartomat.worker.messaging.RenderJobConsumer;
import com.hartomat.worker.status.WorkerActivity;
import com.hartomat.worker.storage.ArtifactStore;
import com.hartomat.worker.storage.StoragePaths;
import com.hartomat.worker.tracing.JobTracing;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Tracer;
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

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private final WorkerActivity activity = new WorkerActivity();
    private volatile BlenderProbe.Result blender = BlenderProbe.Result.unavailable("blender", "not probed yet");
    private volatile String workerId;
    private volatile JobExecutor executor;
    private volatile RenderJobConsumer consumer;
    private volatile JobProcessor processor;

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
        Path script = extractScript(workDir);
        JobTracing tracing = new JobTracing(tracer);
        StoragePaths paths = new StoragePaths(config.storage().root());
        executor = new JobExecutor(new ArtifactStore(paths),
                new GmshMesher(config.gmsh().path(), Tessellation.curvatureElements(config.gmsh().curvatureElements(),
                        config.gmsh().designSizePx(), config.gmsh().facetTolerancePx()), tracing), config.blender().path(),
                script, workDir, () -> blender, config.worker().logLimitBytes(), tracing);
        processor = new JobProcessor(new JobLedger(dataSource), attemptRunners.around(executor), executor.logLimit(),
                new AttemptBudget(config.worker().maxAttempts()), activity, workerId,
                JobProcessor.timeouts(config.worker().timeouts(), config.worker().defaultTimeout()), outbox::wakeUp,
                this::record);
        if (config.worker().consume()) {
            consumer = new RenderJobConsumer(bootstrapServers, config.worker().groupId(), workerId, deadLetters,
                    processor::process, tracing, config.worker().concurrency(), config.worker().shutdownGrace());
            consumer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
        }
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
     * The script under a name carrying its content's hash: workers of different builds sharing one work dir (test runs of
     * several checkouts on one machine, a rolling update) never run each other's script.
     */
    private static Path extractScript(Path workDir) {
        try (InputStream in = WorkerRuntime.class.getClassLoader().getResourceAsStream("blender/hartomat_scene.py")) {
            if (in == null) {
                throw new IllegalStateException("blender/hartomat_scene.py missing from the worker's resources");
            }
            byte[] script = in.readAllBytes();
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(script));
            Path target = workDir.resolve("hartomat_scene-" + hash.substring(0, 16) + ".py");
            Path temp = Files.createTempFile(workDir, "hartomat_scene", ".py");
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

    public int capacity() {
        return config.worker().concurrency();
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

    public int busy() {
        return consumer == null ? 0 : consumer.busy();
    }
}
