package com.hartomat.dispatch.readmodel;

import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dispatch's own copy of the registry: filled from {@code registry.changes.v1}, completed by a REST fetch
 * ({@link RegistryFetch}: timeout, retry, circuit breaker, fallback to this read model) when an entity is asked for
 * before its change event arrived. Deciding never depends on the registry being up: known entities are served from the
 * dispatch schema, and a failed fetch is simply a miss.
 */
@ApplicationScoped
public class RegistryReadModel {

    private final Pool pool;
    private final RegistryEntities entities;
    private final RegistryFetch registry;
    private final long cacheTtlNanos;
    /** Positive lookups for a short while: the hot path reads the same output types and workflows again and again. */
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Object value, long expiresAt) {
    }

    public RegistryReadModel(Pool pool, RegistryEntities entities, RegistryFetch registry, DispatchConfig config) {
        this.pool = pool;
        this.entities = entities;
        this.registry = registry;
        this.cacheTtlNanos = config.registry().cacheTtl().toNanos();
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> cached(String key, java.util.function.Supplier<Uni<T>> load, java.util.function.Predicate<T> keep) {
        Cached hit = cache.get(key);
        if (hit != null && hit.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().item((T) hit.value());
        }
        return load.get().invoke(value -> {
            if (cacheTtlNanos > 0 && keep.test(value)) {
                if (cache.size() > 50_000) {
                    cache.clear();
                }
                cache.put(key, new Cached(value, System.nanoTime() + cacheTtlNanos));
            }
        });
    }

    /** Applies a change unless an equal or newer version is already known (replays and reordering are harmless). */
    public Uni<Boolean> apply(RegistryChange change) {
        boolean delete = RegistryChange.DELETE.equals(change.change());
        cache.remove(change.entityType() + "/" + change.entityId());
        if (!RegistryChange.OUTPUT_TYPE.equals(change.entityType())
                && !RegistryChange.WORKFLOW_DEFINITION.equals(change.entityType())) {
            cache.keySet().removeIf(k -> k.startsWith("library/"));
        }
        return pool.preparedQuery("INSERT INTO dispatch.registry_entities (entity_type, entity_id, entity_version, deleted, "
                + "state, source) VALUES ($1, $2, $3, $4, $5, 'topic') ON CONFLICT (entity_type, entity_id) DO UPDATE SET "
                + "entity_version = excluded.entity_version, deleted = excluded.deleted, "
                + "state = coalesce(excluded.state, registry_entities.state), source = 'topic', updated_at = now() "
                + "WHERE registry_entities.entity_version <= excluded.entity_version")
                .execute(Tuple.from(new Object[] {change.entityType(), change.entityId(), change.entityVersion(), delete,
                        delete ? null : JsonValues.jsonb(change.state())}))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Optional<RegistryEntity>> outputType(String id) {
        return find(RegistryChange.OUTPUT_TYPE, id);
    }

    public Uni<Optional<RegistryEntity>> workflowDefinition(String id) {
        return find(RegistryChange.WORKFLOW_DEFINITION, id);
    }

    /** The read model's entity, else the registry's answer (stored for next time), else empty. */
    public Uni<Optional<RegistryEntity>> find(String type, String id) {
        if (id == null || id.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cached(type + "/" + id, () -> entities.local(type, id).flatMap(found -> found.isPresent() || found.deleted()
                ? Uni.createFrom().item(found.entity())
                : registry.fetch(type, id)), Optional::isPresent);
    }

    /** Only what the read model holds, never asking the registry. */
    public Uni<Optional<RegistryEntity>> known(String type, String id) {
        return entities.known(type, id);
    }

    public Uni<List<RegistryEntity>> all(String type) {
        return cached("library/all/" + type, () -> allUncached(type), v -> true);
    }

    private Uni<List<RegistryEntity>> allUncached(String type) {
        return pool.preparedQuery("SELECT * FROM dispatch.registry_entities WHERE entity_type = $1 AND NOT deleted "
                + "ORDER BY entity_id").execute(Tuple.of(type)).map(rows -> {
                    List<RegistryEntity> out = new ArrayList<>();
                    rows.forEach(r -> out.add(RegistryEntities.entity(r)));
                    return out;
                });
    }

    public Uni<Optional<RegistryEntity>> templateForCategory(String categoryKey) {
        if (categoryKey == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cached("library/template/" + categoryKey, () -> templateUncached(categoryKey), v -> true);
    }

    private Uni<Optional<RegistryEntity>> templateUncached(String categoryKey) {
        return pool.preparedQuery("SELECT * FROM dispatch.registry_entities WHERE entity_type = 'render_template' "
                + "AND NOT deleted AND state ->> 'category_key' = $1 ORDER BY entity_id LIMIT 1")
                .execute(Tuple.of(categoryKey))
                .map(rows -> rows.size() == 0 ? Optional.<RegistryEntity>empty() : Optional.of(RegistryEntities.entity(rows.iterator().next())));
    }

}
