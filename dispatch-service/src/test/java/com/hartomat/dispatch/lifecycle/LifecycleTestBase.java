package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the lifecycle's {@code @QuarkusTest} classes share: the fixtures on dispatch's own database, render events
 * applied the way the {@code render.events.v1} consumer applies them, and a run's status read back.
 */
abstract class LifecycleTestBase {

    @Inject
    AgroalDataSource db;

    @Inject
    RunLifecycle lifecycle;

    Fixtures fx;
    LifecycleFixtures events;

    @BeforeEach
    void setUpFixtures() {
        fx = new Fixtures(db);
        events = new LifecycleFixtures(fx);
    }

    void apply(RenderEvent e) {
        lifecycle.apply(e).await().indefinitely();
    }

    /** An order line whose output type runs the given graph authoritatively, rendering a still. */
    Line graphLine(JsonNode config) {
        String wf = fx.workflow(config, true);
        return fx.renderableLine(fx.outputType(wf, "still_image", null));
    }

    /** Dispatches the line's graph run and completes its render node with one still; returns the run id. */
    String completeStillRun(String orderLineId) {
        String runId = (String) LifecycleFixtures.dispatch(orderLineId).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(orderLineId, "")), Map.of()));
        assertEquals("completed", runStatus(runId));
        return runId;
    }

    String runStatus(String runId) {
        return (String) fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", runId);
    }
}
