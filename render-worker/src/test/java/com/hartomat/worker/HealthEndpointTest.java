package com.hartomat.worker;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthEndpointTest {

    @Test
    void readinessIsUpWithDatabaseAndKafkaChecksAgainstTheRealInfrastructure() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Kafka connection health check", "render.jobs consumer"));
    }

    @Test
    void readinessReportsTheJobConsumerUpWhileItConsumes() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'render.jobs consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'render.jobs consumer' }.data.topic", equalTo("render.jobs.v1"))
                .body("checks.find { it.name == 'render.jobs consumer' }.data.consume", equalTo(true));
        given().when().get("/api/render-workers/self").then().statusCode(200).body("consuming", equalTo(true));
    }

    @Test
    void livenessOpenApiAndMetricsAreServed() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi?format=json").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
