package com.hartomat.registry.errors;

import com.hartomat.registry.RegistryConfig;
import com.hartomat.api.errors.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses declared-oversized bodies (Content-Length above {@code hartomat.http.max-body-size}) with the service's
 * JSON error before anything reads them. Chunked bodies, which declare no length, are counted as they are read by
 * {@link BodySizeLimit}.
 */
@ApplicationScoped
public class BodySizeGuard {

    private final RegistryConfig config;

    public BodySizeGuard(RegistryConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        long limit = config.http().maxBodySize().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                String body = Json.encode(ApiError.of("payload_too_large", BodySizeLimit.message(length, limit), ""));
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        });
    }
}
