package com.hartomat.comparison;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "my database and Kafka answer": with both pointed at a closed port the service
 * stays alive but reports DOWN, naming both checks. Health needs no token.
 */
@QuarkusTest
@TestProfile(ReadinessWithoutInfrastructureTest.UnreachableInfrastructure.class)
class ReadinessWithoutInfrastructureTest {

    @Test
    void readinessIsDownWhileDatabaseAndKafkaAreUnreachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name",
                        hasItems("Reactive PostgreSQL connections health check", "Kafka connection health check"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    public static class UnreachableInfrastructure implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String closedPort = Integer.toString(closedPort());
            return Map.of(
                    "hartomat.db.port", closedPort,
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort,
                    // migrating needs the database; this profile only asks how readiness reports its absence
                    "quarkus.flyway.migrate-at-start", "false",
                    "hartomat.outbox.enabled", "false");
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
