package com.hartomat.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Requests that never reach a resource still get the JSON error body: a path no route serves (404), and a failure
 * the HTTP layer raises itself before the REST layer runs (a body over Quarkus' size limit 413, a broken escape 400).
 * Resources' own failures go through {@link ErrorMappers}.
 */
@ApplicationScoped
public class UnroutedRequests {

    private final ObjectMapper json;

    public UnroutedRequests(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.route().last().handler(ctx -> send(ctx, 404, ApiError.of("not_found",
                "no resource at " + ctx.request().method() + " " + ctx.request().path(), "")));
        // A target Vert.x cannot decode (a broken %-escape in the path: "%ZZ", a lone "%") fails while the router
        // matches routes, before any route or failure handler runs; the router then answers with its error handler for
        // the status, or a bare 400 without one.
        router.errorHandler(400, this::undecodable);
    }

    private void undecodable(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        send(ctx, 400, ApiError.of("malformed_request",
                "the request target could not be decoded: every percent sign must start an escape of two hexadecimal digits", ""));
    }

    /**
     * Client errors the HTTP layer raises itself ({@code ctx.fail(413)} of the body handler, a path with a broken
     * {@code %} escape, …) are answered here with the JSON body, and so is a token that proactive authentication
     * refused (401 with the bearer challenge). Everything else goes on to Quarkus' own handlers: failures without a
     * 4xx status, and bare 401 / 403 statuses.
     */
    private void failed(RoutingContext ctx) {
        SecurityRefusals.Refusal refusal = SecurityRefusals.of(ctx.failure());
        if (refusal != null && !ctx.response().headWritten()) {
            // a token refused by proactive authentication, before any resource or exception mapper runs
            if (refusal.status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", SecurityRefusals.CHALLENGE);
            }
            send(ctx, refusal.status(), refusal.body());
            return;
        }
        int status = ctx.statusCode();
        if (ctx.response().headWritten() || status < 400 || status >= 500 || status == 401 || status == 403) {
            ctx.next();
            return;
        }
        String code = ErrorClassifier.codeOf(status);
        String message = status == 400 ? "the request could not be decoded" : "the request was refused (" + code + ")";
        send(ctx, status, ApiError.of(status == 400 ? "malformed_request" : code, message, ""));
    }

    public void send(RoutingContext ctx, int status, ApiError body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            text = "{\"code\":\"" + body.code() + "\"}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(text);
    }
}
