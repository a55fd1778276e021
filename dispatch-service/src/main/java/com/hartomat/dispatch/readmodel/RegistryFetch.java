package com.hartomat.dispatch.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the workflow registry for an entity the read model does not hold yet, and keeps the answer (version 0: any
 * change event from the topic supersedes it). The call crosses a service boundary, so SmallRye Fault Tolerance bounds
 * it: each attempt times out, a lost connection, a timeout or a 5xx is tried again (a GET is safe), a registry that keeps
 * failing opens the breaker so dispatch stops waiting on it, and whatever still fails falls back to the read model
 * (which may have received the entity's change event meanwhile; else it is a miss). The values below are the defaults;
 * MicroProfile Fault Tolerance keys ({@code com.hartomat.dispatch.readmodel.RegistryFetch/fetch/Timeout/value}, ...)
 * override them, see docs/configuration.md.
 */
@ApplicationScoped
public class RegistryFetch {

    private static final Logger LOG = Logger.getLogger(RegistryFetch.class);

    private final RegistryApi registry;
    private final RegistryEntities entities;
    private final Pool pool;

    public RegistryFetch(@RestClient RegistryApi registry, RegistryEntities entities, Pool pool) {
        this.registry = registry;
        this.entities = entities;
        this.pool = pool;
    }

    /** The registry's copy of the entity, empty when the registry does not know it (404). */
    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = { ProcessingException.class, TimeoutException.class,
            RegistryFailed.class })
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            failOn = { ProcessingException.class, TimeoutException.class, RegistryFailed.class })
    @CircuitBreakerName("registry-fetch")
    @Fallback(fallbackMethod = "fromReadModel")
    public Uni<Optional<RegistryEntity>> fetch(String type, String id) {
        return registry.get(RegistryEntity.collection(type), id)
                .onFailure(WebApplicationException.class).transform(RegistryFetch::answered)
                .onFailure(NotKnown.class).recoverWithNull()
                .flatMap(body -> body == null || !body.isObject() ? Uni.createFrom().item(Optional.<RegistryEntity>empty())
                        : keep(type, id, JsonValues.mapOf(body)));
    }

    /** What the read model holds when the registry could not answer: its own copy, or a miss. */
    Uni<Optional<RegistryEntity>> fromReadModel(String type, String id) {
        LOG.debugf("registry fetch of %s %s failed: answering from the read model", type, id);
        return entities.known(type, id);
    }

    /** Keeping the copy is a cache write: if it fails, the answer still counts (and is fetched again next time). */
    private Uni<Optional<RegistryEntity>> keep(String type, String id, Map<String, Object> state) {
        Optional<RegistryEntity> entity = Optional.of(new RegistryEntity(type, id, 0, state));
        return pool.preparedQuery("INSERT INTO dispatch.registry_entities (entity_type, entity_id, entity_version, state, "
                + "source) VALUES ($1, $2, 0, $3, 'rest') ON CONFLICT DO NOTHING")
                .execute(Tuple.of(type, id, JsonValues.jsonb(state)))
                .map(rows -> entity)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("fetched %s %s not kept: %s", type, id, failure.toString());
                    return entity;
                });
    }

    /** 404: the registry answered that it does not know the entity. A 5xx is the registry failing; other 4xx are answers. */
    private static Throwable answered(Throwable failure) {
        int status = ((WebApplicationException) failure).getResponse().getStatus();
        if (status >= 500) {
            return new RegistryFailed(status);
        }
        return new NotKnown(status);
    }

    /** The registry answered 5xx: retried, and counted by the breaker. */
    static final class RegistryFailed extends RuntimeException {
        RegistryFailed(int status) {
            super("the workflow registry answered " + status, null, false, false);
        }
    }

    /** The registry answered 4xx: a miss, neither retried nor counted against the registry. */
    private static final class NotKnown extends RuntimeException {
        NotKnown(int status) {
            super("the workflow registry answered " + status, null, false, false);
        }
    }
}
