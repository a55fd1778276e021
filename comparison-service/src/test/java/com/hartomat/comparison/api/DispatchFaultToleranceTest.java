package com.hartomat.comparison.api;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.comparison.support.FakeDispatch;
import com.hartomat.comparison.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * comparison → dispatch under SmallRye Fault Tolerance, against a real HTTP stand-in for dispatch (a JDK HttpServer on
 * a loopback port) that hangs: each attempt times out (500 ms in the test profile, through the MicroProfile Fault
 * Tolerance keys), is retried twice, and the caller gets 503 dispatch_unavailable; a dispatch that keeps timing out opens
 * the breaker (60 s delay in the test profile), after which calls are refused at once without reaching it. A 404 is an
 * answer: asked once, relayed as 404.
 */
@QuarkusTest
class DispatchFaultToleranceTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void reset() {
        breakers.resetAll();
    }

    @Test
    void aHangingDispatchTimesOutIsRetriedThenTheBreakerOpensAndStopsAskingIt() {
        String run = Requests.id();
        String path = "workflows/runs/" + run;
        FakeDispatch.run(run, "shadow", Requests.id(), "ot-ft");
        FakeDispatch.hang(path);
        try {
            given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(503)
                    .body("code", equalTo("dispatch_unavailable"));
            assertEquals(3, FakeDispatch.requests(path), "one attempt and two retries, each timed out");

            // the fourth timed-out attempt opens the breaker; its retries and every later call are refused by it
            given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(503)
                    .body("code", equalTo("dispatch_unavailable"));
            given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(503)
                    .body("code", equalTo("dispatch_unavailable"));
            assertEquals(4, FakeDispatch.requests(path), "the open breaker keeps calls away from dispatch");
            assertEquals(CircuitBreakerState.OPEN, breakers.currentState("dispatch-run"));
        } finally {
            FakeDispatch.answer(path);
        }
    }

    @Test
    void aRunDispatchDoesNotKnowIsAskedForOnceAndAnswered404() {
        String run = Requests.id();
        given().get("/api/workflows/runs/{id}/comparison", run).then().statusCode(404)
                .body("code", equalTo("workflow_run_not_found"));
        assertEquals(1, FakeDispatch.requests("workflows/runs/" + run), "an answer is not retried");
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("dispatch-run"));
    }
}
