package com.hartomat.comparison.api;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.comparison.support.FakeDispatch;
import com.hartomat.comparison.support.Requests;
import com.hartomat.comparison.support.TestImages;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * A run without a stored comparison is compared on demand: its order line's result from dispatch-service's API (a
 * stand-in on a real port here), the observer found by the shadow suffix. Nothing is stored.
 */
@QuarkusTest
class OnDemandComparisonTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aShadowRunWithoutStoredComparisonIsComparedOnDemandAndNotStored() throws Exception {
        String run = Requests.id();
        String line = Requests.id();
        String authoritative = "ondemand/" + line + "/authoritative.png";
        String shadow = "ondemand/" + line + "/authoritative_shadow-" + run.substring(0, 8) + ".png";
        TestImages.png(Requests.root().resolve(authoritative), TestImages.rgba(8, 8, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve(shadow), TestImages.rgba(8, 8, 0, 128, 255, 255));
        FakeDispatch.run(run, "shadow", line, "ot-ondemand");
        FakeDispatch.orderLine(line, authoritative);
        given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(200)
                .body("workflow_run_id", equalTo(run))
                .body("execution_mode", equalTo("shadow"))
                .body("status", equalTo("matched"))
                .body("exact_match", equalTo(true))
                .body("authoritative_output.path", equalTo(authoritative))
                .body("observer_output.path", equalTo(shadow))
                .body("observer_output.image_height", equalTo(8))
                .body("verdict.verdict", equalTo("pass"))
                .body("computed_on_demand", equalTo(true))
                .body("comparison_id", nullValue());
        assertEquals(0, count(run), "an on-demand comparison is not stored");
    }

    @Test
    void findsTheObserverInTheStepFilesRenderDirectory() throws Exception {
        String run = Requests.id();
        String line = Requests.id();
        String authoritative = "ondemand-step/" + line + "/authoritative.png";
        String shadow = "step_files/renders/" + line + "/line_" + line + "_shadow-" + run.substring(0, 8) + ".png";
        TestImages.png(Requests.root().resolve(authoritative), TestImages.rgba(12, 12, 32, 160, 255, 255));
        TestImages.png(Requests.root().resolve(shadow), TestImages.rgba(12, 12, 32, 160, 255, 255));
        FakeDispatch.run(run, "shadow", line, "ot-ondemand");
        FakeDispatch.orderLine(line, authoritative);
        given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(200)
                .body("status", equalTo("matched"))
                .body("observer_output.exists", equalTo(true))
                .body("observer_output.path", equalTo(shadow));
    }

    @Test
    void aMissingShadowOutputIsMissingObserver() throws Exception {
        String run = Requests.id();
        String line = Requests.id();
        String authoritative = "ondemand-missing/" + line + "/authoritative.png";
        TestImages.png(Requests.root().resolve(authoritative), TestImages.rgba(4, 4, 255, 64, 64, 255));
        FakeDispatch.run(run, "shadow", line, "ot-ondemand");
        FakeDispatch.orderLine(line, authoritative);
        given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(200)
                .body("status", equalTo("missing_observer"))
                .body("exact_match", nullValue())
                .body("observer_output.exists", equalTo(false))
                .body("authoritative_output.exists", equalTo(true));
    }

    @Test
    void aRunDispatchDoesNotKnowIs404() {
        given().get("/api/workflows/runs/{id}/comparison", Requests.id()).then().statusCode(404)
                .body("code", equalTo("workflow_run_not_found"))
                .body("path", equalTo("/id"));
    }

    @Test
    void aGraphRunHasNoComparison() {
        String run = Requests.id();
        FakeDispatch.run(run, "graph", Requests.id(), "ot-ondemand");
        given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(409)
                .body("code", equalTo("not_a_shadow_run"))
                .body("message", containsString("graph mode"));
    }

    @Test
    void dispatchDownIs503WithAClearMessageAndNoExceptionText() {
        String run = Requests.id();
        FakeDispatch.run(run, "shadow", Requests.id(), "ot-ondemand");
        FakeDispatch.stopServer();
        try {
            given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(503)
                    .body("code", equalTo("dispatch_unavailable"))
                    .body("message", containsString("dispatch-service did not answer"))
                    .body("message", not(containsString("Exception")));
        } finally {
            FakeDispatch.startServer();
            // the refused connections may have opened DispatchApi's breakers: later tests meet a dispatch that is up
            io.quarkus.arc.Arc.container().instance(io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.class).get()
                    .resetAll();
        }
    }

    long count(String run) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM comparisons WHERE workflow_run_id = ?")) {
            q.setString(1, run);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
