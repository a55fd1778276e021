package com.hartomat.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one-machine stack behind {@code ./hartomat up | down | status}: a real PostgreSQL and Kafka,
 * then the four services as child processes, each with its log under the run folder.
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the stack ...");
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
        Files.writeString(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stack));

        System.out.println("starting the services (logs in " + logs + ") ...");
        boolean allReady = true;
        for (CompletableFuture<String> line : readiness) {
            String result = line.join();
            allReady &= !result.contains("NOT READY");
            System.out.println(result);
        }
        System.out.printf(Locale.ROOT, "%s in %.1f s. Ctrl-C or ./hartomat down stops it.%n",
                allReady ? "all services ready" : "some services are NOT ready (see their logs)",
                (System.nanoTime() - started) / 1e9);
        stopped.await();
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
