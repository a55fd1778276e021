package com.hartomat.registry.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /workflows} (no trailing slash) redirects to the console's page at {@code /workflows/}, keeping the query
 * (e.g. {@code ?token=}); the Web Bundler serves the page only under the directory path. Relative to the request's
 * own origin, so it works behind the entry point and the gateway alike.
 */
@ApplicationScoped
public class ConsoleRedirect {

    void install(@Observes Router router) {
        // a regex: Vert.x's plain path "/workflows" would also match "/workflows/"
        router.routeWithRegex("^/workflows$").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            String query = ctx.request().query();
            ctx.response().setStatusCode(301)
                    .putHeader(HttpHeaders.LOCATION, "/workflows/" + (query == null || query.isEmpty() ? "" : "?" + query))
                    .end();
        });
    }
}
