package com.hartomat.dispatch.runcontrol;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Cancel's body is optional and retry's is refused with {@code body_required} when it is missing: a POST to either
 * without a Content-Type (curl's {@code -X POST} without {@code -d}) is read as JSON, as resume (which takes no body)
 * is, instead of a 415. Any declared Content-Type is left alone (a form body still gets 415).
 */
@ApplicationScoped
public class AbsentBodies {

    private static final Pattern OPTIONAL_BODY = Pattern.compile("/api/workflows/runs/[^/]+/(cancel|retry)/?");

    /** Whether a request of this method, path and Content-Type is to be read as JSON. */
    static boolean readAsJson(String method, String path, String contentType) {
        return "POST".equals(method) && (contentType == null || contentType.isBlank()) && path != null
                && OPTIONAL_BODY.matcher(path).matches();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::defaultContentType);
    }

    private void defaultContentType(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST
                && readAsJson("POST", ctx.normalizedPath(), ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        ctx.next();
    }
}
