package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.runs.IdempotentReplay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on dispatch requests: the first response is stored with the dispatch (same transaction) and
 * returned for every retry with the same key, so a retried request never queues a second render.
 */
@ApplicationScoped
public class Idempotency {

    private final Pool pool;
    private final ObjectMapper json;

    public Idempotency(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A response body as it is stored with the dispatch: its JSON members, named as the API writes them. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stored(Object body) {
        return json.convertValue(body, Map.class);
    }

    public <T> Uni<T> replayOr(String scope, String key, Class<T> type, Supplier<Uni<T>> dispatch) {
        if (key == null || key.isBlank()) {
            return dispatch.get();
        }
        if (key.length() > 200) {
            throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key must be at most 200 characters",
                    "/headers/Idempotency-Key");
        }
        return stored(scope, key).flatMap(found -> found.isPresent() ? Uni.createFrom().item(as(found.get(), type))
                : dispatch.get().onFailure(IdempotentReplay.class)
                        .recoverWithUni(() -> stored(scope, key).map(stored -> as(stored.orElseThrow(), type))));
    }

    private <T> T as(Map<String, Object> stored, Class<T> type) {
        return json.convertValue(stored, type);
    }

    private Uni<Optional<Map<String, Object>>> stored(String scope, String key) {
        return pool.preparedQuery("SELECT response FROM dispatch.dispatch_requests WHERE scope = $1 AND idempotency_key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> rows.size() == 0 ? Optional.<Map<String, Object>>empty()
                        : Optional.of(JsonValues.map(rows.iterator().next().getValue("response"))));
    }
}
