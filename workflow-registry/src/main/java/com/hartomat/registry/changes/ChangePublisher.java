package com.hartomat.registry.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxWriter;
import com.hartomat.registry.JsonText;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes registry changes to the outbox inside the caller's transaction (so a change is published exactly when it
 * committed), keyed by entity id, carrying the entity's REST representation as its full new state.
 */
@ApplicationScoped
public class ChangePublisher {

    private final OutboxRelayLifecycle relay;
    private final MeterRegistry meters;

    public ChangePublisher(OutboxRelayLifecycle relay, MeterRegistry meters) {
        this.relay = relay;
        this.meters = meters;
    }

    public Uni<Void> upsert(String entityType, UUID id, long version, ObjectNode state) {
        return append(new RegistryChange(UUID.randomUUID().toString(), entityType, id.toString(), RegistryChange.UPSERT,
                version, Instant.now(), JsonText.toMap(state)));
    }

    public Uni<Void> delete(String entityType, UUID id, long version) {
        return append(new RegistryChange(UUID.randomUUID().toString(), entityType, id.toString(), RegistryChange.DELETE,
                version, Instant.now(), null));
    }

    private Uni<Void> append(RegistryChange change) {
        return Panache.getSession().chain(session -> OutboxWriter.append(session, Topics.REGISTRY_CHANGES, change.entityId(),
                change)).invoke(() -> meters.counter("registry_changes_total", "entity_type", change.entityType(),
                        "change", change.change()).increment());
    }

    /** Call after the transaction committed: the relay sends at once instead of at its next poll. */
    public void committed() {
        relay.wakeUp();
    }
}
