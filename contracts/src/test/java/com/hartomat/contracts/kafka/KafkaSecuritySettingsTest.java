package com.hartomat.contracts.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecuritySettingsTest {

    @Test
    void securitySettingsComeFromKafkaKeysAndTheirEnvironmentVariables() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.bootstrap.servers", "broker:9092",
                "hartomat.db.host", "db"), "test", 100)).build();
        assertEquals(Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                KafkaSecuritySettings.from(config));
    }

    @Test
    void withoutSecurityKeysNothingIsAdded() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "localhost:9092"), "test", 100)).build();
        assertEquals(Map.of(), KafkaSecuritySettings.from(config));
    }
}
