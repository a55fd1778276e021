package com.hartomat.dispatch.errors;

import com.hartomat.api.errors.ApiError;
import com.hartomat.dispatch.DispatchConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared Content-Length is over its limit with a JSON 413 before anything reads it: a STEP
 * upload over {@code hartomat.uploads.max-bytes} ({@code upload_too_large}), any other body over
 * {@code hartomat.http.max-json-bytes} ({@code payload_too_large}). A chunked body, which declares no length, is cut
 * by Quarkus at {@code quarkus.http.limits.max-body-size} (the upload limit), answered by the shared JSON 413.
 */
@ApplicationScoped
public class BodyLimits {

    static final String UPLOAD_PATH = "/api/cad-files";

    private final long uploadLimit;
    private final long jsonLimit;

    public BodyLimits(DispatchConfig config) {
        this.uploadLimit = config.uploads().maxBytes().asLongValue();
        this.jsonLimit = config.http().maxJsonBytes().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        boolean upload = UPLOAD_PATH.equals(ctx.normalizedPath());
        long limit = upload ? uploadLimit : jsonLimit;
        if (declared > limit) {
            ApiError error = upload
                    ? ApiError.of("upload_too_large", uploadMessage(declared, limit), "/file")
                    : ApiError.of("payload_too_large", "request body of " + declared + " bytes exceeds the limit of "
                            + limit + " bytes", "");
            // the unread body would keep the connection busy: close it once the answer is out
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(error))
                    .onComplete(sent -> ctx.request().connection().close());
            return;
        }
        ctx.next();
    }

    static String uploadMessage(long size, long limit) {
        return "the upload of " + size + " bytes exceeds the limit of " + limit + " bytes (hartomat.uploads.max-bytes)";
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public long uploadLimit() {
        return uploadLimit;
    }
}
