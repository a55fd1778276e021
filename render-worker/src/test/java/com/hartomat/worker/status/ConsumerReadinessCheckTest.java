package com.hartomat.worker.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.worker.messaging.ConsumerState;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ConsumerReadinessCheckTest {

    @Test
    void upWhileConsuming() {
        HealthCheckResponse response = ConsumerReadinessCheck.of(true, new ConsumerState.Snapshot(true, null));
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("render.jobs consumer", response.getName());
        assertEquals("render.jobs.v1", response.getData().orElseThrow().get("topic"));
    }

    @Test
    void downWithTheReasonWhenAConsumingWorkersConsumerIsNotRunning() {
        HealthCheckResponse response = ConsumerReadinessCheck.of(true,
                new ConsumerState.Snapshot(false, "consumer thread ended: java.lang.OutOfMemoryError: Java heap space"));
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("consumer thread ended: java.lang.OutOfMemoryError: Java heap space",
                response.getData().orElseThrow().get("reason"));
    }

    @Test
    void upWhenTheWorkerIsConfiguredNotToConsume() {
        HealthCheckResponse response = ConsumerReadinessCheck.of(false, new ConsumerState.Snapshot(false, "not started"));
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(false, response.getData().orElseThrow().get("consume"));
    }
}
