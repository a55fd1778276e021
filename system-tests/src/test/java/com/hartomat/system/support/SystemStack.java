package com.hartomat.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.deploy.local.ServiceJvm;
import com.hartomat.deploy.local.ServiceSchemas;
import com.hartomat.deploy.local.TopicCatalog;
import com.hartomat.deploy.local.entry.EntryPoint;
import com.hartomat.deploy.local.entry.EntryPointSettings;
import com.hartomat.deploy.local.entry.NginxConfig;
import com.hartomat.deploy.local.entry.RouteTable;
import com.hartomat.deploy.local.entry.UploadLimit;
import com.hartomat.deploy.local.auth.ServiceAuth;
import com.hartomat.deploy.local.auth.StackKeys;
import com.hartomat.deploy.local.auth.TokenMint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The whole suite on this machine, started once per test JVM the way {@code ./hartomat up} starts it: a real
 * PostgreSQL and Kafka ({@link LocalInfra}), then the four services as child JVMs from their packaged
 * {@code quarkus-run.jar} ({@link ServiceJvm}), each on a free loopback port, all sharing one artifact storage root.
 * Logs and artifacts stay under the run folder ({@code system-tests/target/system-stack}) for a post-mortem; the
 * stack stops when the JVM exits, and if the JVM is killed, deploy/local's reaper stops the database, the broker and
 * (because their command lines name the infrastructure folder) the services.
 */
public final class SystemStack {

    /** The services, their Maven modules. */
    public enum Service {
        REGISTRY("workflow-registry"), DISPATCH("dispatch-service"), WORKER("render-worker"),
        COMPARISON("comparison-service");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static SystemStack shared;
    private static RuntimeException startFailure;

    private final Path runDir;
    private final LocalInfra infra;
    private final Map<Service, Integer> ports;
    private final Map<Service, Process> processes;
    private final Map<Service, ProcessBuilder> launchers;
    private final EventTap tap;
    private final long startupMillis;
    private final EntryPoint entry;
    private final StackKeys keys;
    private final TraceCollector traces;
    private final ConsoleIdentityProvider identityProvider;

    private SystemStack(Path runDir, LocalInfra infra, Map<Service, Integer> ports, Map<Service, Process> processes,
            Map<Service, ProcessBuilder> launchers, EventTap tap, long startupMillis, EntryPoint entry, StackKeys keys,
            TraceCollector traces, ConsoleIdentityProvider identityProvider) {
        this.identityProvider = identityProvider;
        this.launchers = launchers;
        this.traces = traces;
        this.entry = entry;
        this.keys = keys;
        this.runDir = runDir;
        this.infra = infra;
        this.ports = ports;
        this.processes = processes;
        this.tap = tap;
        this.startupMillis = startupMillis;
    }

    /** The one stack of this test JVM, started on first use. */
    public static synchronized SystemStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("the system stack failed to start earlier in this run", startFailure);
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** A service's API, called as {@code system-tests} with the admin role. */
    public Api api(Service service) {
        return new Api(service, "http://127.0.0.1:" + ports.get(service), token("system-tests", "admin"));
    }

    /** A token of this stack (signed with its key, valid for six hours). */
    public String token(String subject, String role) {
        return new TokenMint(keys.key(), TokenMint.LOCAL_ISSUER).sign(subject, List.of(role), Duration.ofHours(6));
    }

    /** A token of this stack valid from {@code issuedAt} to {@code expiresAt} (e.g. one that already expired). */
    public String token(String subject, String role, java.time.Instant issuedAt, java.time.Instant expiresAt) {
        return new TokenMint(keys.key(), TokenMint.LOCAL_ISSUER).sign(subject, List.of(role), TokenMint.AUDIENCE,
                issuedAt, expiresAt);
    }

    /** The identity provider the registry's console is configured to sign users in at. */
    public ConsoleIdentityProvider consoleIdentityProvider() {
        return identityProvider;
    }

    /**
     * The entry point's one base URL (nginx with the configuration {@code ./hartomat up} generates, in front of these
     * services), when nginx is installed here; empty otherwise.
     */
    public Optional<String> entryBaseUrl() {
        return Optional.ofNullable(entry).map(EntryPoint::baseUrl);
    }

    public Path artifacts() {
        return infra.artifactRoot();
    }

    /** The stack's PostgreSQL and Kafka (for fault injection and superuser reads of the services' tables). */
    public LocalInfra infra() {
        return infra;
    }

    /**
     * While this file exists, dispatch-service's outbox relay sends nothing ({@code hartomat.outbox.fault.hold-file},
     * test-only): committed rows wait in its outbox.
     */
    public Path dispatchRelayHoldFile() {
        return runDir.resolve("faults").resolve("dispatch-outbox.hold");
    }

    /**
     * Fault injection: {@code kill -9} of a service's JVM and of every process it started (Blender, gmsh), as a node
     * or container dying takes its children with it. Returns once the JVM is gone.
     */
    public synchronized void kill(Service service) {
        Process process = processes.get(service);
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service.module + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts a service (killed before) again with the same command, port and environment; waits until it is ready. */
    public synchronized void restart(Service service) {
        if (processes.get(service).isAlive()) {
            throw new IllegalStateException(service.module + " still runs: kill it first");
        }
        try {
            processes.put(service, launchers.get(service).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module, e);
        }
        String failure = awaitReady(service, ports.get(service), processes.get(service), runDir.resolve("logs"));
        if (!failure.isEmpty()) {
            throw new IllegalStateException(failure);
        }
    }

    /** Whether a service's JVM has a child process running (the worker's Blender or gmsh). */
    public synchronized boolean hasChildProcess(Service service) {
        return processes.get(service).children().anyMatch(ProcessHandle::isAlive);
    }

    /** Every live process a service's JVM started, directly or below (the worker's Blender and gmsh). */
    public synchronized List<ProcessHandle> descendants(Service service) {
        return processes.get(service).descendants().filter(ProcessHandle::isAlive).toList();
    }

    public synchronized boolean isAlive(Service service) {
        return processes.get(service).isAlive();
    }

    public Path log(Service service) {
        return runDir.resolve("logs").resolve(service.module + ".log");
    }

    public EventTap tap() {
        return tap;
    }

    /** The spans every service exported (OTLP) since the stack started. */
    public TraceCollector traces() {
        return traces;
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** The last lines of a service's log that match a filter (all lines when the filter is null). */
    public String logTail(Service service, int lines, String contains) {
        try (Stream<String> all = Files.lines(log(service))) {
            List<String> matching = all.filter(l -> contains == null || l.contains(contains)).toList();
            return String.join("\n", matching.subList(Math.max(0, matching.size() - lines), matching.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static SystemStack start() {
        long started = System.nanoTime();
        Path projectRoot = Path.of(System.getProperty("hartomat.project.root", "..")).toAbsolutePath().normalize();
        Path runDir = Path.of(System.getProperty("hartomat.system.run-dir", "target/system-stack")).toAbsolutePath();
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path jar = projectRoot.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: package the services first "
                        + "(mvn verify at the root, or -pl system-tests -am, packages them before this module)");
            }
            jars.put(service, jar);
        }
        deleteRecursively(runDir);
        Path logs = create(runDir.resolve("logs"));
        Path artifacts = create(runDir.resolve("artifacts"));
        Path workerScratch = create(runDir.resolve("worker-scratch"));

        LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath(), artifacts);
        // the stack's token signing key, as ./hartomat up makes one: the services trust it, the tests sign with it
        StackKeys keys = StackKeys.loadOrCreate(runDir.resolve("auth"));
        // the provider the console signs in at (docs/console.md): issues this stack's tokens
        ConsoleIdentityProvider identityProvider = ConsoleIdentityProvider.start(
                new TokenMint(keys.key(), TokenMint.LOCAL_ISSUER));
        Map<Service, Process> processes = java.util.Collections.synchronizedMap(new EnumMap<>(Service.class));
        Map<Service, ProcessBuilder> launchers = new EnumMap<>(Service.class);
        AtomicReference<EntryPoint> entry = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Optional.ofNullable(entry.get()).ifPresent(EntryPoint::close);
            stop(processes, infra);
        }, "system-stack-stop"));

        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, freePort());
        }
        // every service exports its spans to the tests' collector, as it would to an OpenTelemetry collector
        TraceCollector traces = TraceCollector.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a short-lived stack: the C1 compiler only and the serial collector start the four JVMs with far less CPU on
        // a shared 2-core machine. Naming the infrastructure folder on each command line lets deploy/local's reaper
        // find the services too.
        List<String> extra = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dhartomat.system.stack=" + infra.workDir());
        for (Service service : Service.values()) {
            ProcessBuilder builder = new ProcessBuilder(ServiceJvm.command(java, extra, jars.get(service).toString()))
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service.module + ".log").toFile()));
            Map<String, String> env = builder.environment();
            env.putAll(infra.serviceEnvironment(ServiceSchemas.ofModule(service.module)));
            env.put("HARTOMAT_HTTP_PORT", Integer.toString(ports.get(service)));
            env.putAll(traces.serviceEnvironment());
            env.put("HARTOMAT_REGISTRY_URL", "http://127.0.0.1:" + ports.get(Service.REGISTRY));
            env.put("HARTOMAT_DISPATCH_URL", "http://127.0.0.1:" + ports.get(Service.DISPATCH));
            // on a 2-core machine shared by several builds, a JDBC connection (scram-sha-256 login included) can take
            // longer than the default 5 s to open; Flyway at start-up then failed the service
            env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "PT60S");
            env.putAll(ServiceAuth.environment(keys, TokenMint.LOCAL_ISSUER,
                    service == Service.DISPATCH || service == Service.COMPARISON));
            if (service == Service.WORKER) {
                env.put("HARTOMAT_WORKER_ID", "system-tests-worker");
                env.put("HARTOMAT_WORKER_WORK_DIR", workerScratch.toString());
                env.put("HARTOMAT_WORKER_SHUTDOWN_GRACE", "PT3S");
                // a coarser surface mesh of the sample assembly (gmsh -clcurv 6, not 20): 40 % less meshing CPU and a
                // fifth of the mesh, plenty for 64×64 pixels
                env.put("HARTOMAT_GMSH_CURVATURE_ELEMENTS", "6");
                env.put("HARTOMAT_GMSH_DESIGN_SIZE_PX", "0");
            }
            if (service == Service.REGISTRY) {
                env.put("HARTOMAT_CONSOLE_OIDC_ISSUER", identityProvider.issuer());
                env.put("HARTOMAT_CONSOLE_OIDC_CLIENT_ID", ConsoleIdentityProvider.CLIENT_ID);
            }
            if (service == Service.DISPATCH) {
                // test-only fault injection, inert until the fault-injection suite creates the file
                env.put("HARTOMAT_OUTBOX_FAULT_HOLD_FILE", runDir.resolve("faults").resolve("dispatch-outbox.hold").toString());
            }
            launchers.put(service, builder);
            try {
                processes.put(service, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + service.module, e);
            }
        }
        EventTap tap = EventTap.start(infra.kafka().bootstrapServers());
        List<CompletableFuture<String>> readiness = new ArrayList<>();
        for (Service service : Service.values()) {
            readiness.add(CompletableFuture.supplyAsync(() -> awaitReady(service, ports.get(service),
                    processes.get(service), logs)));
        }
        List<String> failures = readiness.stream().map(CompletableFuture::join).filter(s -> !s.isEmpty()).toList();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the system stack did not come up:\n" + String.join("\n", failures));
        }
        entry.set(startEntryPoint(projectRoot, runDir, logs, ports));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(Locale.ROOT, "[system-stack] ready in %.1f s: postgres %d, kafka %s, %s, entry point %s;"
                + " run folder %s%n", millis / 1000.0, infra.postgres().port(), infra.kafka().bootstrapServers(), ports,
                entry.get() == null ? "not started (no nginx here)" : entry.get().baseUrl(), runDir);
        return new SystemStack(runDir, infra, ports, processes, launchers, tap, millis, entry.get(), keys, traces,
                identityProvider);
    }

    /** The entry point as {@code ./hartomat up} starts it, on a free port; none where nginx is not installed. */
    private static EntryPoint startEntryPoint(Path projectRoot, Path runDir, Path logs, Map<Service, Integer> ports) {
        Optional<Path> nginx = EntryPoint.findNginx();
        if (nginx.isEmpty()) {
            return null;
        }
        Map<String, Integer> servicePorts = new java.util.HashMap<>();
        ports.forEach((service, port) -> servicePorts.put(service.module, port));
        EntryPointSettings settings = new EntryPointSettings(freePort(), servicePorts, UploadLimit.DEFAULT_BYTES,
                EntryPointSettings.DEFAULT_BODY_MAX_BYTES, EntryPointSettings.DEFAULT_STREAM_READ_TIMEOUT,
                runDir.resolve("entry"), logs, EntryPointSettings.userDirectiveForCurrentUser());
        String config = NginxConfig.render(RouteTable.read(projectRoot.resolve("deploy/routes/routes.json")), settings);
        return EntryPoint.start(nginx.get(), config, settings, Duration.ofSeconds(20));
    }

    private static String awaitReady(Service service, int port, Process process, Path logs) {
        Api api = new Api(service, "http://127.0.0.1:" + port, null);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                Api.Response health = api.get("/q/health/ready");
                JsonNode body = health.json();
                if ("UP".equals(body.path("status").asText())) {
                    return "";
                }
                last = body.toString();
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            sleep(250);
        }
        String tail;
        try (Stream<String> lines = Files.lines(logs.resolve(service.module + ".log"))) {
            List<String> all = lines.toList();
            tail = String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | UncheckedIOException e) {
            tail = "(no log)";
        }
        return service.module + " not ready on port " + port + " (" + (process.isAlive() ? last
                : "exited with " + process.exitValue()) + "); log tail:\n" + tail;
    }

    private static void stop(Map<Service, Process> processes, LocalInfra infra) {
        List<Process> all = List.copyOf(processes.values());
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        infra.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
