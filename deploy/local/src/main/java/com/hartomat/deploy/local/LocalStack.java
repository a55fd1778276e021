package com.hartomat.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.local.entry.EntryPoint;
import com.hartomat.deploy.local.entry.EntryPointPlan;
import com.hartomat.deploy.local.entry.EntryPointSettings;
import com.hartomat.deploy.local.entry.NginxConfig;
import com.hartomat.deploy.local.entry.RouteTable;
import com.hartomat.deploy.local.entry.UploadLimit;
import com.hartomat.deploy.local.auth.ServiceAuth;
import com.hartomat.deploy.local.auth.StackKeys;
import com.hartomat.deploy.local.auth.TokenCommand;
import com.hartomat.deploy.local.auth.TokenMint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-machine stack behind {@code ./hartomat up | down | status}: a real PostgreSQL and Kafka,
 * then the four services as child processes, each with its log under the run folder, and the entry point (nginx) that
 * routes one port to them by the public route table.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The services of the suite, their modules and default ports. */
    record Service(String name, String module, int port) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("workflow-registry", "workflow-registry", 8081),
            new Service("dispatch-service", "dispatch-service", 8082),
            new Service("render-worker", "render-worker", 8083),
            new Service("comparison-service", "comparison-service", 8084));

    private LocalStack() {
    }

    /** A service's port: its default, or {@code HARTOMAT_<SERVICE>_PORT}. */
    static int port(Service service) {
        return Integer.parseInt(System.getenv().getOrDefault(
                "HARTOMAT_" + service.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT",
                Integer.toString(service.port())));
    }

    public static void main(String[] args) throws Exception {
        // the launcher's Kafka clients log through SLF4J: only what needs attention reaches the console. Their network
        // client warns on every connection attempt while the broker is still starting, which is expected, not news.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error"));
        String command = args.length > 0 ? args[0] : "up";
        Path projectRoot = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path runDir = projectRoot.resolve(".hartomat/run");
        switch (command) {
            case "up" -> up(projectRoot, runDir);
            case "status" -> System.exit(status(runDir) ? 0 : 1);
            case "down" -> down(runDir);
            default -> {
                System.err.println("usage: LocalStack up|status|down [project-root]");
                System.exit(2);
            }
        }
    }

    private static void up(Path projectRoot, Path runDir) throws Exception {
        Path stateFile = runDir.resolve("stack.json");
        if (Files.exists(stateFile) && launcherAlive(JSON.readTree(stateFile.toFile()))) {
            System.err.println("the stack is already running (./hartomat status, ./hartomat down)");
            System.exit(1);
        }
        Path logs = Directories.create(runDir.resolve("logs"));
        Path artifacts = Directories.create(runDir.resolve("artifacts"));
        long started = System.nanoTime();
        System.out.println("starting PostgreSQL and Kafka ...");
        LocalInfra infra = LocalInfra.start(TopicCatalog.fromClasspath(), artifacts);
        System.out.printf(Locale.ROOT, "  postgres  127.0.0.1:%d  database %s   ready in %d ms%n",
                infra.postgres().port(), infra.postgres().database(), infra.postgres().readyMillis());
        System.out.printf(Locale.ROOT, "  kafka     %s            ready in %d ms%n",
                infra.kafka().bootstrapServers(), infra.kafka().readyMillis());

        List<Process> processes = new ArrayList<>();
        AtomicReference<EntryPoint> entry = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the stack ...");
            Optional.ofNullable(entry.get()).ifPresent(EntryPoint::close);
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
            infra.close();
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException ignored) {
                // nothing left to clean
            }
            stopped.countDown();
        }, "hartomat-stack-stop"));

        // the stack's token signing key (reused when present): every service trusts it, ./hartomat token signs with it
        StackKeys keys = TokenCommand.stackKeys(projectRoot);
        List<CompletableFuture<String>> readiness = new ArrayList<>();
        ArrayNode serviceState = JSON.createArrayNode();
        for (Service service : SERVICES) {
            Path jar = projectRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./hartomat up builds when needed)");
            }
            int port = port(service);
            ProcessBuilder builder = new ProcessBuilder(ServiceJvm.command(javaExecutable(), List.of(), jar.toString()))
                    .directory(projectRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(service.name() + ".log").toFile());
            builder.environment().putAll(infra.serviceEnvironment(ServiceSchemas.ofModule(service.module())));
            builder.environment().put("HARTOMAT_HTTP_PORT", Integer.toString(port));
            builder.environment().putAll(ServiceAuth.environment(keys, TokenMint.LOCAL_ISSUER, callsAcross(service)));
            // the services that call across (dispatch → registry, comparison → dispatch) find each other here
            builder.environment().put("HARTOMAT_REGISTRY_URL", "http://127.0.0.1:" + port(SERVICES.get(0)));
            builder.environment().put("HARTOMAT_DISPATCH_URL", "http://127.0.0.1:" + port(SERVICES.get(1)));
            long serviceStart = System.nanoTime();
            Process process = builder.start();
            processes.add(process);
            ObjectNode state = serviceState.addObject();
            state.put("name", service.name()).put("port", port).put("pid", process.pid())
                    .put("url", "http://127.0.0.1:" + port);
            readiness.add(CompletableFuture.supplyAsync(() -> awaitReady(service, port, process, serviceStart)));
        }
        ObjectNode stack = JSON.createObjectNode();
        stack.put("launcher_pid", ProcessHandle.current().pid());
        stack.put("postgres", "127.0.0.1:" + infra.postgres().port() + "/" + infra.postgres().database());
        stack.put("kafka", infra.kafka().bootstrapServers());
        stack.put("artifacts", artifacts.toString());
        stack.put("logs", logs.toString());
        stack.set("services", serviceState);
        String entryLine = startEntryPoint(projectRoot, runDir, logs, entry);
        Optional.ofNullable(entry.get()).ifPresent(e -> stack.putObject("entry").put("url", e.baseUrl())
                .put("port", e.port()).put("pid", e.pid()));
        Files.writeString(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stack));

        System.out.println("starting the services (logs in " + logs + ") ...");
        boolean allReady = true;
        for (CompletableFuture<String> line : readiness) {
            String result = line.join();
            allReady &= !result.contains("NOT READY");
            System.out.println(result);
        }
        System.out.println(entryLine);
        System.out.printf(Locale.ROOT, "%s in %.1f s.%s Ctrl-C or ./hartomat down stops it.%n",
                allReady ? "all services ready" : "some services are NOT ready (see their logs)",
                (System.nanoTime() - started) / 1e9,
                entry.get() == null ? "" : " The one base URL: " + entry.get().baseUrl() + " .");
        stopped.await();
    }

    /**
     * Starts nginx on the entry port with the configuration generated from {@code deploy/routes/routes.json}, unless
     * nginx is missing or the port is taken: then the stack runs without it. Returns the line to print.
     */
    private static String startEntryPoint(Path projectRoot, Path runDir, Path logs, AtomicReference<EntryPoint> entry) {
        try {
            int port = EntryPointSettings.portFromEnvironment(System.getenv());
            EntryPointPlan plan = EntryPointPlan.decide(EntryPoint.findNginx(), EntryPoint.portTaken(port), port,
                    ProcessOwner.runningAsRoot());
            if (plan instanceof EntryPointPlan.Skip skip) {
                return "  entry point         " + skip.reason();
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(s -> ports.put(s.name(), port(s)));
            EntryPointSettings settings = new EntryPointSettings(port, ports,
                    UploadLimit.fromEnvironment(System.getenv()), EntryPointSettings.DEFAULT_BODY_MAX_BYTES,
                    EntryPointSettings.DEFAULT_STREAM_READ_TIMEOUT, runDir.resolve("entry"), logs,
                    EntryPointSettings.userDirectiveForCurrentUser());
            String config = NginxConfig.render(RouteTable.read(projectRoot.resolve("deploy/routes/routes.json")), settings);
            EntryPoint started = EntryPoint.start(((EntryPointPlan.Start) plan).nginx(), config, settings,
                    Duration.ofSeconds(20));
            entry.set(started);
            return String.format(Locale.ROOT, "  %-19s %-23s nginx pid %d, routes from deploy/routes/routes.json",
                    "entry point", started.baseUrl(), started.pid());
        } catch (RuntimeException e) {
            return "  entry point         did not start: " + e.getMessage()
                    + ": the services answer on their own ports";
        }
    }

    /** The services that call another one with a service token of their own (dispatch → registry, comparison → dispatch). */
    static boolean callsAcross(Service service) {
        return service.name().equals("dispatch-service") || service.name().equals("comparison-service");
    }

    private static String awaitReady(Service service, int port, Process process, long startedNanos) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String url = "http://127.0.0.1:" + port;
        String health = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            health = health(url);
            if (health.startsWith("UP")) {
                long millis = (System.nanoTime() - startedNanos) / 1_000_000;
                return String.format(Locale.ROOT, "  %-19s %-23s ready in %5d ms  RSS %4d MB  health %s",
                        service.name(), url, millis, rssMegabytes(process.pid()), health);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return String.format(Locale.ROOT, "  %-19s %-23s NOT READY (%s)%s", service.name(), url, health,
                process.isAlive() ? "" : " — exited with " + process.exitValue());
    }

    private static boolean status(Path runDir) throws IOException {
        Path stateFile = runDir.resolve("stack.json");
        if (!Files.exists(stateFile)) {
            System.out.println("the stack is not running (./hartomat up starts it)");
            return false;
        }
        JsonNode stack = JSON.readTree(stateFile.toFile());
        if (!launcherAlive(stack)) {
            System.out.println("the stack is not running (stale state file removed)");
            Files.deleteIfExists(stateFile);
            return false;
        }
        System.out.println("postgres  " + stack.path("postgres").asText());
        System.out.println("kafka     " + stack.path("kafka").asText());
        System.out.println("artifacts " + stack.path("artifacts").asText());
        JsonNode entry = stack.path("entry");
        if (entry.hasNonNull("url")) {
            long pid = entry.path("pid").asLong();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            System.out.printf(Locale.ROOT, "%-19s %-23s pid %-7d %s%n", "entry point (nginx)", entry.path("url").asText(),
                    pid, alive ? entryAnswer(entry.path("url").asText()) : "process gone");
        } else {
            System.out.println("entry point (nginx) not running: the services answer on their own ports");
        }
        boolean allUp = true;
        for (JsonNode service : stack.path("services")) {
            long pid = service.path("pid").asLong();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String health = alive ? health(service.path("url").asText()) : "process gone";
            allUp &= health.startsWith("UP");
            System.out.printf(Locale.ROOT, "%-19s %-23s pid %-7d RSS %4d MB  %s%n", service.path("name").asText(),
                    service.path("url").asText(), pid, alive ? rssMegabytes(pid) : 0, health);
        }
        return allUp;
    }

    private static void down(Path runDir) throws Exception {
        Path stateFile = runDir.resolve("stack.json");
        if (!Files.exists(stateFile)) {
            System.out.println("the stack is not running");
            return;
        }
        JsonNode stack = JSON.readTree(stateFile.toFile());
        ProcessHandle.of(stack.path("launcher_pid").asLong()).ifPresent(launcher -> {
            launcher.destroy();
            launcher.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        });
        Files.deleteIfExists(stateFile);
        System.out.println("the stack is stopped");
    }

    /** The entry point answers a path no route serves with its own JSON 404: that proves nginx itself answers. */
    private static String entryAnswer(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return "route_not_found".equals(JSON.readTree(response.body()).path("code").asText())
                    ? "UP (routes from deploy/routes/routes.json)" : "answers, but not as the entry point: " + response.statusCode();
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static boolean launcherAlive(JsonNode stack) {
        return ProcessHandle.of(stack.path("launcher_pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String health(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            List<String> down = new ArrayList<>();
            for (JsonNode check : body.path("checks")) {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText());
                }
            }
            return body.path("status").asText("?") + (down.isEmpty() ? "" : " " + down);
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not on Linux, or the process is gone
        }
        return 0;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
