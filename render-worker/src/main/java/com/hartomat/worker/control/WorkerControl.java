package com.hartomat.worker.control;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operators' control of jobs on this replica: the cancelled jobs, fed by this replica's own reader of
 * {@code render.control.v1} (started with the worker unless it consumes no jobs).
 */
@ApplicationScoped
public class WorkerControl {

    private final CancelledJobs cancelled = new CancelledJobs();
    private volatile RenderControlConsumer consumer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "hartomat.worker.consume", defaultValue = "true")
    boolean consume;

    @ConfigProperty(name = "hartomat.worker.id")
    java.util.Optional<String> workerId;

    public CancelledJobs cancelledJobs() {
        return cancelled;
    }

    /** Whether this replica reads cancellations (its control consumer has its partitions). */
    public boolean listening() {
        RenderControlConsumer current = consumer;
        return current != null && current.assigned();
    }

    void start(@Observes StartupEvent event) {
        if (!consume) {
            return;
        }
        consumer = new RenderControlConsumer(bootstrapServers, "render-control-" + workerId.orElse("worker") + "-"
                + ProcessHandle.current().pid(), cancelled);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
        }
    }
}
