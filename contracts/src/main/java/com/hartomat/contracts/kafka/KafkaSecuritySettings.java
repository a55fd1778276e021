package com.hartomat.contracts.kafka;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Kafka client security settings of a service ({@code kafka.security.protocol}, {@code kafka.sasl.*},
 * {@code kafka.ssl.*}, also as environment variables such as {@code KAFKA_SASL_JAAS_CONFIG}), for the Kafka clients the
 * suite creates itself (outbox relay, dead-letter router, the render worker's consumer). Quarkus hands the same
 * {@code kafka.*} settings to its own Kafka clients; these clients get them here, so that on Kubernetes every client of
 * a service authenticates as the service's Strimzi KafkaUser. Without such settings the map is empty (plain Kafka,
 * as locally and in the tests).
 */
public final class KafkaSecuritySettings {

    private KafkaSecuritySettings() {
    }

    public static Map<String, Object> fromConfig() {
        return from(ConfigProvider.getConfig());
    }

    /** Kafka client property → value, read the way Quarkus reads {@code kafka.*} keys (env names lower-cased, _ → .). */
    public static Map<String, Object> from(Config config) {
        Map<String, Object> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase();
            if (!lower.startsWith("kafka.") && !lower.startsWith("kafka_")) {
                continue;
            }
            String property = lower.substring("kafka.".length()).replace('_', '.');
            if (property.equals("security.protocol") || property.startsWith("sasl.") || property.startsWith("ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings.put(property, value));
            }
        }
        return settings;
    }
}
