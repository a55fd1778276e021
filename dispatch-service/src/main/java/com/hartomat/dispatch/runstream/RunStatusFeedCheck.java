package com.hartomat.dispatch.runstream;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this replica's run status feed reads the topic: a stream opened before could miss live events. */
@Readiness
@ApplicationScoped
public class RunStatusFeedCheck implements HealthCheck {

    private final RunStatusFeed feed;

    public RunStatusFeedCheck(RunStatusFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("run status live feed").status(feed.live())
                .withData("open_streams", feed.listeners()).build();
    }
}
