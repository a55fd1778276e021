package com.hartomat.worker.status;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.messaging.ConsumerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN, with the reason, while a worker meant to consume ({@code hartomat.worker.consume=true}) is
 * not consuming render.jobs.v1: not started yet, retrying after a failed poll or commit, stopping, or its
 * consumer thread ended. A worker configured not to consume is UP here.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {

    public static final String NAME = "render.jobs consumer";

    @Inject
    WorkerRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return of(runtime.consumes(), runtime.consumerState());
    }

    public static HealthCheckResponse of(boolean consume, ConsumerState.Snapshot state) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME)
                .withData("topic", Topics.RENDER_JOBS.topic()).withData("consume", consume);
        if (!consume || state.consuming()) {
            return builder.up().build();
        }
        return builder.down().withData("reason", state.reason()).build();
    }
}
