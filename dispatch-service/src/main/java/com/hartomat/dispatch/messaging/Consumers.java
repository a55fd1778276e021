package com.hartomat.dispatch.messaging;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts this service's consumers: registry changes into the read model, comparison verdicts into rollout. */
@ApplicationScoped
public class Consumers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "hartomat.consumers.group-id", defaultValue = "dispatch-service")
    String groupId;

    @ConfigProperty(name = "hartomat.consumers.enabled", defaultValue = "true")
    boolean enabled;

    private final List<TopicConsumer<?>> running = new ArrayList<>();

    void start(@Observes StartupEvent event, DeadLetters deadLetters, InboundHandlers handlers) {
        if (!enabled) {
            return;
        }
        running.add(new TopicConsumer<>(Topics.REGISTRY_CHANGES, bootstrapServers, groupId, deadLetters,
                handlers::registryChange));
        running.add(new TopicConsumer<>(Topics.COMPARISON_VERDICTS, bootstrapServers, groupId, deadLetters,
                handlers::verdict));
        running.forEach(TopicConsumer::start);
    }

    void stop(@Observes ShutdownEvent event) {
        running.forEach(TopicConsumer::close);
    }
}
