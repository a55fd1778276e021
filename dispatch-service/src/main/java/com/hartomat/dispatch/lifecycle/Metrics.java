package com.hartomat.dispatch.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The run lifecycle's metrics, named after the domain. */
@ApplicationScoped
public class Metrics {

    private final MeterRegistry registry;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void runFinished(String executionMode, String status, Duration duration) {
        registry.counter("runs_completed_total", "execution_mode", executionMode, "status", status).increment();
        if (duration != null && !duration.isNegative()) {
            Timer.builder("run_duration_seconds").tag("execution_mode", executionMode).register(registry)
                    .record(duration);
        }
    }

    void nodeFinished(String step, long durationMs) {
        Timer.builder("node_duration_seconds").tag("step", step == null ? "unknown" : step).register(registry)
                .record(Duration.ofMillis(Math.max(durationMs, 0)));
    }

    void assetPublished(String assetType) {
        registry.counter("media_assets_published_total", "asset_type", assetType).increment();
    }

    void jobLost(String jobType) {
        registry.counter("render_jobs_lost_total", "job_type", jobType == null ? "unknown" : jobType).increment();
    }

    void autoHold(String outputTypeId) {
        registry.counter("rollout_auto_holds_total", "output_type_id", outputTypeId).increment();
    }
}
