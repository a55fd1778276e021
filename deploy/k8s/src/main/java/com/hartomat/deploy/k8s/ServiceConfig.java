package com.hartomat.deploy.k8s;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * One service's {@code application.properties}, read with SmallRye Config (expressions such as
 * {@code ${hartomat.consumers.group-id}} expand as they do in the service, profiles other than the default are
 * ignored): what it consumes from Kafka and in which group, what it produces, which peers its REST clients call.
 */
public final class ServiceConfig {

    /** The render worker's hand-made consumer (RenderJobConsumer) reads this topic; it is no Reactive Messaging channel. */
    public static final String RENDER_JOBS_TOPIC = "render.jobs.v1";
    /** Every render worker replica reads all of it by partition assignment: no consumer group, nothing committed. */
    public static final String RENDER_CONTROL_TOPIC = "render.control.v1";

    private static final String PER_START = "${quarkus.uuid}";
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
    private static final Pattern REST_CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.([^.]+)\\.url");

    private final String service;
    private final SmallRyeConfig config;

    private ServiceConfig(String service, SmallRyeConfig config) {
        this.service = service;
        this.config = config;
    }

    public static ServiceConfig read(Path repositoryRoot, String service) {
        Path file = repositoryRoot.resolve(service).resolve("src/main/resources/application.properties");
        try {
            return new ServiceConfig(service, new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(file.toUri().toURL(), 100))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String service() {
        return service;
    }

    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }

    public String required(String key) {
        return value(key).orElseThrow(() -> new IllegalStateException(service + ": application.properties lacks " + key));
    }

    /** Topic and consumer group of every Kafka consumer the service runs. */
    public List<Consumption> consumptions() {
        List<Consumption> consumptions = new ArrayList<>();
        for (String key : new TreeSet<>(names())) {
            Matcher m = CHANNEL_TOPIC.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String channel = m.group(1);
            String groupKey = rawValue("mp.messaging.incoming." + channel + ".group.id").isPresent()
                    ? "mp.messaging.incoming." + channel + ".group.id"
                    : "mp.messaging.connector.smallrye-kafka.group.id";
            consumptions.add(consumption(required(key), groupKey));
        }
        value("hartomat.worker.group-id").ifPresent(group -> {
            consumptions.add(new Consumption(RENDER_JOBS_TOPIC, group, false));
            consumptions.add(new Consumption(RENDER_CONTROL_TOPIC, null, false));
        });
        return consumptions;
    }

    /**
     * A group id built from a per-start unique value ({@code dispatch-run-feed-${quarkus.uuid}}) cannot be expanded
     * here: such a group is named by its literal prefix.
     */
    private Consumption consumption(String topic, String groupKey) {
        String raw = rawValue(groupKey)
                .orElseThrow(() -> new IllegalStateException(service + ": no consumer group for topic " + topic));
        int perStart = raw.indexOf(PER_START);
        if (perStart >= 0) {
            return new Consumption(topic, raw.substring(0, perStart), true);
        }
        return new Consumption(topic, required(groupKey), false);
    }

    public Optional<String> rawValue(String key) {
        return Optional.ofNullable(config.getConfigValue(key).getRawValue());
    }

    /** Topics the service writes (outbox relay, producers): its {@code hartomat.deploy.kafka-produces} list. */
    public List<String> produces() {
        return value("hartomat.deploy.kafka-produces")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).sorted().toList())
                .orElse(List.of());
    }

    /** REST client name → the configuration key its URL comes from (e.g. registry → hartomat.registry.url). */
    public TreeMap<String, String> restClients() {
        TreeMap<String, String> clients = new TreeMap<>();
        for (String key : names()) {
            Matcher m = REST_CLIENT_URL.matcher(key);
            if (m.matches()) {
                clients.put(m.group(1), key);
            }
        }
        return clients;
    }

    private List<String> names() {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
    }

    /**
     * A consumer: the topic it reads, its group (null: partitions assigned, no group, nothing dead-lettered), whether
     * the group is a prefix (one group per replica start).
     */
    public record Consumption(String topic, String group, boolean groupIsPrefix) {
    }
}
