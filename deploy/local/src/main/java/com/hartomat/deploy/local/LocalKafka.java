package com.hartomat.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A genuine single-node Apache Kafka broker in KRaft mode, run in a child JVM from the
 * {@code kafka_2.13} artifacts on Maven Central.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "hartomat/kafka-broker.classpath";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** A restart recovers its logs first and may run on a loaded machine (the fault-injection suite): wait longer. */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(5);

    private final Path directory;
    // replaced by restart() (fault injection); read by close() from another thread
    private volatile Process broker;
    private final List<String> command;
    private final String bootstrapServers;
    private final long readyMillis;

    private LocalKafka(Path directory, Process broker, List<String> command, String bootstrapServers,
            long readyMillis) {
        this.directory = directory;
        this.broker = broker;
        this.command = command;
        this.bootstrapServers = bootstrapServers;
        this.readyMillis = readyMillis;
    }

    public static LocalKafka start(Path directory, Collection<TopicSpec> topics) {
        long started = System.nanoTime();
        Directories.create(directory);
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path properties = writeServerProperties(directory, brokerPort, controllerPort);
        Path log4j = writeLoggingConfig(directory);
        Path log = directory.resolve("kafka.log");

        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Xss512k", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", brokerClasspath(),
                "com.hartomat.deploy.kafka.BrokerMain",
                properties.toString(), Uuid.randomUuid().toString(), Long.toString(ProcessHandle.current().pid())));
        Process broker = launch(command, log);
        LocalKafka kafka = new LocalKafka(directory, broker, command, bootstrap, 0);
        try {
            kafka.awaitReadyAndCreate(topics, log, STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return new LocalKafka(directory, broker, command, bootstrap, (System.nanoTime() - started) / 1_000_000);
    }

    private static Process launch(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker JVM", e);
        }
    }

    /**
     * Fault injection: stops the broker ({@code SIGTERM}, a controlled shutdown; SIGKILL after 15 s), keeps it down for
     * {@code downtime}, then starts it again on the same log directories and ports (the storage is already formatted:
     * {@code BrokerMain} ignores that) and waits until the cluster describes itself. Topics and committed offsets
     * survive; clients see their connections fail and must reconnect on their own.
     */
    public synchronized void restart(Duration downtime) {
        stopBroker();
        sleep(downtime.toMillis());
        Path log = directory.resolve("kafka.log");
        broker = launch(command, log);
        awaitReadyAndCreate(List.of(), log, RESTART_TIMEOUT);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long readyMillis() {
        return readyMillis;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** An open port is not readiness: wait until the cluster describes itself, then create the topics. */
    private void awaitReadyAndCreate(Collection<TopicSpec> topics, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + broker.exitValue() + ":\n"
                            + LocalPostgres.tail(log));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        createTopics(admin, topics);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                sleep(100);
            }
            throw new IllegalStateException("Kafka not ready after " + timeout + ": " + last + "\n"
                    + LocalPostgres.tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void createTopics(Admin admin, Collection<TopicSpec> topics)
            throws InterruptedException, ExecutionException {
        List<NewTopic> newTopics = topics.stream().map(TopicSpec::toNewTopic).toList();
        try {
            admin.createTopics(newTopics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        stopBroker();
        Directories.deleteRecursively(directory);
    }

    private void stopBroker() {
        if (broker.isAlive()) {
            broker.destroy();
            try {
                if (!broker.waitFor(15, TimeUnit.SECONDS)) {
                    broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                broker.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path writeServerProperties(Path directory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.backoff.ms", "1000");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        Path file = directory.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "HartOMat local single-node KRaft broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path writeLoggingConfig(Path directory) {
        String config = """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n
                rootLogger.level = warn
                rootLogger.appenderRef.out.ref = out
                logger.server.name = kafka.server.KafkaRaftServer
                logger.server.level = info
                """;
        Path file = directory.resolve("log4j2.properties");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String brokerClasspath() {
        try (InputStream in = LocalKafka.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " not found: build deploy/kafka-runtime first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String brokerMain = codeLocationOf(CLASSPATH_RESOURCE);
            return brokerMain + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar or classes folder that holds the broker's main class (the same one that holds the classpath file). */
    private static String codeLocationOf(String resource) {
        String url = LocalKafka.class.getClassLoader().getResource(resource).toString();
        if (url.startsWith("jar:")) {
            return Path.of(java.net.URI.create(url.substring("jar:".length(), url.indexOf("!/")))).toString();
        }
        Path file = Path.of(java.net.URI.create(url));
        for (int i = 0; i < resource.split("/").length; i++) {
            file = file.getParent();
        }
        return file.toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
