package com.hartomat.worker.status;

import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.blender.BlenderProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN, with the reason, when Blender is missing or failed its version probe at start. */
@Readiness
@ApplicationScoped
public class BlenderReadinessCheck implements HealthCheck {

    public static final String NAME = "Blender";

    @Inject
    WorkerRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return of(runtime.blender());
    }

    public static HealthCheckResponse of(BlenderProbe.Result probe) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).status(probe.available())
                .withData("executable", probe.executable());
        if (probe.available()) {
            builder.withData("version", probe.version());
        } else {
            builder.withData("reason", probe.reason());
        }
        return builder.build();
    }
}
