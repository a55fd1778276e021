package com.hartomat.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    private static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.start(List.of(new TopicSpec("probe.v1", 3, false), new TopicSpec("probe.v1.dlq", 1, false)));
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    static Connection login(String schema) throws SQLException {
        DatabaseCredentials credentials = infra.postgres().credentials(schema);
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), credentials.user(), credentials.password());
    }

    @Test
    void eachServiceGetsItsOwnSchemaAndCannotReadAnother() throws SQLException {
        for (String[] pair : new String[][] {{"registry", "dispatch"}, {"dispatch", "registry"}}) {
            String owner = pair[0];
            String other = pair[1];
            try (Connection connection = login(owner); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE probe_" + owner + "(id int)");
                statement.execute("INSERT INTO probe_" + owner + " VALUES (1)");
                try (ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
                    rs.next();
                    assertEquals(owner, rs.getString(1));
                }
            }
            try (Connection connection = login(other); Statement statement = connection.createStatement()) {
                SQLException denied = assertThrows(SQLException.class,
                        () -> statement.executeQuery("SELECT * FROM " + owner + ".probe_" + owner));
                assertEquals("42501", denied.getSQLState(), denied.getMessage());
            }
        }
    }

    @Test
    void noServiceMayCreateInThePublicSchemaOrAnotherSchema() throws SQLException {
        try (Connection dispatch = login("dispatch"); Statement statement = dispatch.createStatement()) {
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.execute("CREATE TABLE public.sneaky(id int)")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.execute("CREATE TABLE registry.sneaky(id int)")).getSQLState());
        }
    }

    @Test
    void noConnectionIsTrustedWithoutItsPassword() {
        String url = infra.postgres().jdbcUrl();
        for (String[] login : new String[][] {{"dispatch", ""}, {"dispatch", "dispatch"}, {"postgres", ""},
            {"registry", infra.postgres().credentials("dispatch").password()}}) {
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, login[0], login[1]),
                    login[0]);
            // 28P01 invalid_password: scram-sha-256 asked for one and it did not match (the driver refuses to even try an
            // empty one, 08004)
            assertTrue(Set.of("28P01", "08004").contains(refused.getSQLState()), refused.getSQLState() + " " + refused.getMessage());
        }
    }

    @Test
    void everyRoleHasItsOwnGeneratedPassword() {
        Set<String> passwords = new java.util.HashSet<>();
        for (String schema : ServiceSchemas.ALL) {
            String password = infra.postgres().credentials(schema).password();
            assertTrue(password.length() >= 32 && !password.contains(schema), schema);
            passwords.add(password);
        }
        assertEquals(ServiceSchemas.ALL.size(), passwords.size());
        assertEquals("dispatch", infra.serviceConfig("dispatch").get("hartomat.db.user"));
        assertEquals(infra.postgres().credentials("dispatch").password(), infra.serviceEnvironment("dispatch").get("HARTOMAT_DB_PASSWORD"));
    }

    @Test
    void brokerHasTheCatalogueTopicsAndCarriesRecords() throws Exception {
        try (Admin admin = infra.kafka().admin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.containsAll(Set.of("probe.v1", "probe.v1.dlq")), names.toString());
            assertEquals(3, admin.describeTopics(List.of("probe.v1")).allTopicNames().get()
                    .get("probe.v1").partitions().size());
        }
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe.v1", "k", "hello")).get(10, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    assertEquals("hello", records.iterator().next().value());
                    return;
                }
            }
        }
        throw new AssertionError("record never arrived");
    }

    @Test
    void restartedPostgresAndBrokerComeBackOnTheSamePortsWithTheirData() throws Exception {
        try (Connection connection = login("comparison"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE restart_probe(id int)");
            statement.execute("INSERT INTO restart_probe VALUES (42)");
        }
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe.v1.dlq", "k", "before restart")).get(10, TimeUnit.SECONDS);
        }
        int port = infra.postgres().port();
        String bootstrap = infra.kafka().bootstrapServers();

        Connection open = login("comparison");
        infra.postgres().restart(Duration.ofMillis(200));
        infra.kafka().restart(Duration.ofMillis(200));

        assertThrows(SQLException.class, () -> open.createStatement().executeQuery("SELECT 1"),
                "a connection from before the restart is cut");
        open.close();
        assertEquals(port, infra.postgres().port());
        assertEquals(bootstrap, infra.kafka().bootstrapServers());
        try (Connection connection = login("comparison"); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM restart_probe")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1), "the data survived the restart");
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe.v1.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    if ("before restart".equals(record.value())) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the record written before the broker restart is gone");
    }

    @Test
    void aKilledOwnerLeavesNoProcessOrDirectoryBehind() throws Exception {
        Path marker = Files.createTempFile("infra-owner", ".txt");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InfraOwnerMain.class.getName(), marker.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Files.size(marker) == 0 && System.nanoTime() < deadline && owner.isAlive()) {
            Thread.sleep(200);
        }
        Path workDir = Path.of(Files.readString(marker).trim());
        assertTrue(Files.isDirectory(workDir), "owner started its infrastructure in " + workDir);
        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        long cleanDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < cleanDeadline && (Files.exists(workDir) || processesNaming(workDir) > 0)) {
            Thread.sleep(250);
        }
        assertFalse(Files.exists(workDir), "work directory removed");
        assertEquals(0, processesNaming(workDir), "no process left that names the work directory");
        Files.deleteIfExists(marker);
    }

    private static long processesNaming(Path workDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(workDir.toString())).orElse(false))
                .count();
    }
}
