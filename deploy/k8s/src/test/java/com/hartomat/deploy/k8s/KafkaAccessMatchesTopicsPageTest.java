package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kafka access the KafkaUsers are rendered from (each service's {@code hartomat.deploy.kafka-produces} and its
 * consumers' configuration) says the same as the topics page's "producer → consumers" column (docs/topics.md), so a
 * producer added in code without its ACL, or an ACL without a producer, shows up here.
 */
class KafkaAccessMatchesTopicsPageTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+\\.v\\d+)` \\| ([a-z-]+) → ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void producersAndConsumersAreTheTopicsPages() throws IOException {
        String page = Files.readString(Repository.root().resolve("docs/topics.md"));
        Map<String, String> documentedProducer = new TreeMap<>();
        Map<String, TreeSet<String>> documentedConsumers = new TreeMap<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            documentedProducer.put(row.group(1), row.group(2));
            TreeSet<String> consumers = new TreeSet<>();
            for (String consumer : row.group(3).split(",")) {
                if (Suite.SERVICES.contains(consumer.trim())) {
                    consumers.add(consumer.trim());
                }
            }
            documentedConsumers.put(row.group(1), consumers);
        }
        assertFalse(documentedProducer.isEmpty(), "no topic rows found in docs/topics.md");

        Map<String, String> configuredProducer = new TreeMap<>();
        Map<String, TreeSet<String>> configuredConsumers = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            ServiceConfig config = ServiceConfig.read(Repository.root(), service);
            config.produces().forEach(topic -> configuredProducer.put(topic, service));
            config.consumptions().stream()
                    // dispatch's live feed reads runs.status.v1 for its own streams ("any subscriber" on the page)
                    .filter(c -> !c.groupIsPrefix())
                    .forEach(c -> configuredConsumers.computeIfAbsent(c.topic(), t -> new TreeSet<>()).add(service));
        }
        documentedConsumers.forEach((topic, consumers) -> configuredConsumers.putIfAbsent(topic, new TreeSet<>()));
        assertEquals(documentedProducer, configuredProducer);
        assertEquals(documentedConsumers, configuredConsumers);
    }
}
