package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenAs;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order's lifecycle as a client sees it over REST: its creator is the caller; dispatching a line moves a draft or
 * submitted order to processing (graph and legacy alike), so that no order completes or fails without having been
 * processing; a completed, failed or cancelled order takes no new line; the order follows its lines wherever they
 * change, a cancelled line being closed (V12, V13).
 */
@QuarkusTest
class OrderLifecycleTest extends LifecycleTestBase {

    static JsonPath order(String orderId) {
        return given().get("/api/orders/" + orderId).then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.ValidatableResponse addLine(Line like) {
        Map<String, Object> body = new HashMap<>();
        body.put("order_id", like.orderId());
        body.put("product_id", like.productId());
        body.put("output_type_id", like.outputTypeId());
        return given().contentType(ContentType.JSON).body(body).post("/api/order-lines").then();
    }

    /** A renderable line (STEP file, parsed part, material) on an order created with the given status. */
    Line renderableLine(String outputTypeId, String orderStatus) {
        String cad = fx.uploadStep("product.step");
        given().contentType(ContentType.JSON).body(Map.of("parsed_objects", Map.of("objects", List.of("Body"))))
                .patch("/api/cad-files/" + cad).then().statusCode(200);
        return fx.line(outputTypeId, cad, List.of(Map.of("part_name", "Body", "material", "Steel")), orderStatus);
    }


    static void assertProcessing(JsonPath order) {
        assertEquals("processing", order.getString("status"));
        assertNotNull(order.getString("processing_started_at"));
        assertNull(order.getString("completed_at"));
    }

    static void assertClosed(JsonPath order, String status) {
        assertEquals(status, order.getString("status"));
        assertNotNull(order.getString("processing_started_at"), "a closed order was processing first");
        assertNotNull(order.getString("completed_at"));
        assertFalse(OffsetDateTime.parse(order.getString("completed_at"))
                .isBefore(OffsetDateTime.parse(order.getString("processing_started_at"))));
    }

    @Test
    void theCreatorIsTheCallerNotTheBody() {
        String forged = givenAs("author").contentType(ContentType.JSON).body(Map.of("order_number",
                "WF-" + Fixtures.id().substring(0, 10), "created_by", "somebody-else")).post("/api/orders")
                .then().statusCode(201).body("created_by", equalTo("test-author")).extract().path("id");
        assertEquals("test-author", order(forged).getString("created_by"));

        String plain = given().contentType(ContentType.JSON).body(Map.of("order_number",
                "WF-" + Fixtures.id().substring(0, 10))).post("/api/orders")
                .then().statusCode(201).body("created_by", equalTo("test-admin")).extract().path("id");
        assertEquals("test-admin", order(plain).getString("created_by"));
    }

    @Test
    void aDraftOrderIsProcessingOnceItsLineIsDispatchedAndCompletesFromThere() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        assertEquals("draft", order(line.orderId()).getString("status"));

        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        assertProcessing(order(line.orderId()));

        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("completed", runStatus(runId));
        assertClosed(order(line.orderId()), "completed");
    }

    @Test
    void aDraftOrderWhoseLegacyLineFailsWasProcessingFirst() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        Map<String, Object> dispatched = LifecycleFixtures.dispatch(line.orderLineId());
        assertNull(dispatched.get("workflow_run_id"), "a legacy dispatch without a run");
        assertProcessing(order(line.orderId()));

        apply(events.failed((String) dispatched.get("celery_task_id"), FailureCode.IMPORT_FAILED, false));
        assertClosed(order(line.orderId()), "failed");
    }

    @Test
    void aSubmittedOrderMovesToProcessingOnALegacyDispatchAsTheReferenceDoes() {
        Line line = renderableLine(fx.outputType(null, null, null), "submitted");
        String job = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("celery_task_id");
        JsonPath processing = order(line.orderId());
        assertProcessing(processing);

        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        JsonPath completed = order(line.orderId());
        assertClosed(completed, "completed");
        assertEquals(OffsetDateTime.parse(processing.getString("processing_started_at")).toInstant(),
                OffsetDateTime.parse(completed.getString("processing_started_at")).toInstant(),
                "completion keeps the time processing started");
    }

    @Test
    void aCompletedOrFailedOrderTakesNoNewLine() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        completeStillRun(line.orderLineId());
        assertEquals("completed", order(line.orderId()).getString("status"));

        addLine(line).statusCode(409).body("code", equalTo("order_closed")).body("path", equalTo("/order_id"))
                .body("message", containsString("is completed"));
        assertEquals(1, given().queryParam("order_id", line.orderId()).get("/api/order-lines").then().statusCode(200)
                .extract().jsonPath().getInt("total"));
        JsonPath after = order(line.orderId());
        assertClosed(after, "completed");
        assertEquals(0, ((Number) fx.scalar("SELECT open_lines FROM orders WHERE id = ?::uuid", line.orderId())).intValue());

        Line failing = fx.renderableLine(fx.outputType(null, null, null));
        String job = (String) LifecycleFixtures.dispatch(failing.orderLineId()).get("celery_task_id");
        apply(events.failed(job, FailureCode.IMPORT_FAILED, false));
        assertEquals("failed", order(failing.orderId()).getString("status"));
        addLine(failing).statusCode(409).body("code", equalTo("order_closed")).body("path", equalTo("/order_id"))
                .body("message", containsString("is failed"));
    }

    @Test
    void aLineAddedWhileTheOrderCompletesWaitsForTheCompletionAndIsRefused() throws Exception {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        LifecycleFixtures.dispatch(line.orderLineId());
        assertProcessing(order(line.orderId()));

        CompletableFuture<io.restassured.response.Response> added;
        try (Connection completion = db.getConnection()) {
            // the order's completion, as the lifecycle writes it, not yet committed when the line arrives
            completion.setAutoCommit(false);
            try (PreparedStatement ps = completion.prepareStatement("UPDATE orders SET status = 'completed', "
                    + "completed_at = now() WHERE id = ?::uuid")) {
                ps.setString(1, line.orderId());
                assertEquals(1, ps.executeUpdate());
            }
            Map<String, Object> body = new HashMap<>();
            body.put("order_id", line.orderId());
            body.put("product_id", line.productId());
            body.put("output_type_id", line.outputTypeId());
            added = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON).body(body)
                    .post("/api/order-lines"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> ((Number) fx.scalar(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%INSERT INTO dispatch.order_lines%'")).intValue() > 0);
            completion.commit();
        }
        added.get().then().statusCode(409).body("code", equalTo("order_closed")).body("path", equalTo("/order_id"));
        assertEquals(1L, fx.scalar("SELECT count(*) FROM order_lines WHERE order_id = ?::uuid", line.orderId()));
        assertEquals("completed", order(line.orderId()).getString("status"));
    }

    @Test
    void aProcessingOrderTakesANewLineAndCompletesOnlyWithIt() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String firstRun = (String) LifecycleFixtures.dispatch(first.orderLineId()).get("workflow_run_id");
        assertProcessing(order(first.orderId()));

        String second = addLine(first).statusCode(201).extract().path("id");
        String job = events.jobOf(firstRun, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(first.orderLineId(), "")), Map.of()));
        assertProcessing(order(first.orderId()));

        completeStillRun(second);
        assertClosed(order(first.orderId()), "completed");
    }

    // ------------------------------------------------------------------ the order follows its lines wherever they change

    /** A processing order (its first line dispatched and completed) with a second line still pending. */
    String processingOrderWithOneOpenLine(Line first) {
        String firstRun = (String) LifecycleFixtures.dispatch(first.orderLineId()).get("workflow_run_id");
        String second = addLine(first).statusCode(201).extract().path("id");
        String job = events.jobOf(firstRun, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(first.orderLineId(), "")), Map.of()));
        assertProcessing(order(first.orderId()));
        return second;
    }

    String lineStatus(String orderLineId) {
        return (String) fx.scalar("SELECT render_status FROM order_lines WHERE id = ?::uuid", orderLineId);
    }

    /** A failed order: its first line completed, its second (returned) failed by hand. */
    String failedOrderWithOneFailedLine(Line first) {
        String second = processingOrderWithOneOpenLine(first);
        patchLine(second, "failed");
        assertClosed(order(first.orderId()), "failed");
        return second;
    }

    /** The order ended when it first ended: only what it ended as changed since. */
    static void assertSameEnd(JsonPath before, JsonPath after) {
        assertEquals(OffsetDateTime.parse(before.getString("completed_at")).toInstant(),
                OffsetDateTime.parse(after.getString("completed_at")).toInstant(), "the order ended when it ended");
    }

    static void patchLine(String orderLineId, String renderStatus) {
        given().contentType(ContentType.JSON).body(Map.of("render_status", renderStatus))
                .patch("/api/order-lines/" + orderLineId).then().statusCode(200);
    }

    @Test
    void deletingTheLastOpenLineOfAProcessingOrderCompletesIt() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = processingOrderWithOneOpenLine(first);

        given().delete("/api/order-lines/" + second).then().statusCode(204);
        assertClosed(order(first.orderId()), "completed");
    }

    @Test
    void deletingAClosedLineOfAClosedOrderDecidesItsEndAgain() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = failedOrderWithOneFailedLine(first);
        JsonPath failed = order(first.orderId());

        // the only failed line goes: the order ended completed, and when it ended stays
        given().delete("/api/order-lines/" + second).then().statusCode(204);
        JsonPath completed = order(first.orderId());
        assertClosed(completed, "completed");
        assertSameEnd(failed, completed);

        // the last line goes too: nothing is left to decide by, the order keeps its status
        given().delete("/api/order-lines/" + first.orderLineId()).then().statusCode(204);
        assertClosed(order(first.orderId()), "completed");
    }

    @Test
    void patchingTheLastOpenLineEndedEndsAProcessingOrderButNotADraft() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = processingOrderWithOneOpenLine(first);

        patchLine(second, "failed");
        assertClosed(order(first.orderId()), "failed");

        // a draft order was never dispatched: its lines ended by hand do not end it
        Line draft = fx.renderableLine(fx.outputType(null, null, null));
        assertEquals("draft", order(draft.orderId()).getString("status"));
        patchLine(draft.orderLineId(), "completed");
        JsonPath still = order(draft.orderId());
        assertEquals("draft", still.getString("status"));
        assertNull(still.getString("completed_at"));
    }

    @Test
    void anOrderWithOpenLinesIsNotCompletedByHand() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = processingOrderWithOneOpenLine(line);
        addLine(line).statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("status", "completed")).patch("/api/orders/" + line.orderId())
                .then().statusCode(409).body("code", equalTo("order_lines_open")).body("path", equalTo("/status"))
                .body("message", containsString("2 lines"));
        assertProcessing(order(line.orderId()));

        given().delete("/api/order-lines/" + second).then().statusCode(204);
        assertProcessing(order(line.orderId()));
        given().contentType(ContentType.JSON).body(Map.of("status", "completed")).patch("/api/orders/" + line.orderId())
                .then().statusCode(409).body("code", equalTo("order_lines_open"))
                .body("message", containsString("1 line is"));
    }

    @Test
    void aFailedOrderIsProcessingAgainWhileItsLineIsResumedAndCompletesWithIt() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.failed(job, FailureCode.RENDER_FAILED, false));
        String fallback = (String) fx.scalar("SELECT fallback_job_id FROM workflow_runs WHERE id = ?::uuid", runId);
        apply(events.failed(fallback, FailureCode.RENDER_FAILED, false));
        assertClosed(order(line.orderId()), "failed");

        // resumed: the line renders again, so the order is processing again; failing again fails both again
        givenAs("operator").contentType(ContentType.JSON).post("/api/workflows/runs/" + runId + "/resume").then().statusCode(200);
        assertEquals("processing", lineStatus(line.orderLineId()));
        assertProcessing(order(line.orderId()));
        String again = events.jobOf(runId, "render");
        apply(events.started(again));
        apply(events.failed(again, FailureCode.RENDER_FAILED, false));
        assertEquals("failed", lineStatus(line.orderLineId()));
        assertClosed(order(line.orderId()), "failed");

        // resumed once more, and completing this time
        givenAs("operator").contentType(ContentType.JSON).post("/api/workflows/runs/" + runId + "/resume").then().statusCode(200);
        assertProcessing(order(line.orderId()));
        String last = events.jobOf(runId, "render");
        apply(events.started(last));
        apply(events.completed(last, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("completed", runStatus(runId));
        assertClosed(order(line.orderId()), "completed");
        addLine(line).statusCode(409).body("code", equalTo("order_closed"));
    }

    // ------------------------------------------------------------ cancelled lines close; closed orders follow lines

    static void cancelRun(String runId) {
        givenAs("operator").contentType(ContentType.JSON).post("/api/workflows/runs/" + runId + "/cancel").then()
                .statusCode(200);
    }

    static void patchOrder(String orderId, String status, int expected) {
        given().contentType(ContentType.JSON).body(Map.of("status", status)).patch("/api/orders/" + orderId).then()
                .statusCode(expected);
    }

    @Test
    void aCancelledLastOpenLineEndsItsProcessingOrderFromTheOtherLines() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = processingOrderWithOneOpenLine(first);
        String run = (String) LifecycleFixtures.dispatch(second).get("workflow_run_id");
        assertProcessing(order(first.orderId()));

        cancelRun(run);
        assertEquals("cancelled", lineStatus(second));
        assertEquals(0, ((Number) fx.scalar("SELECT open_lines FROM orders WHERE id = ?::uuid", first.orderId()))
                .intValue());
        assertClosed(order(first.orderId()), "completed");
    }

    @Test
    void anOrderWhoseEveryLineIsCancelledIsCancelledAndStaysSoByHand() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        String run = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        assertProcessing(order(line.orderId()));

        cancelRun(run);
        assertClosed(order(line.orderId()), "cancelled");
        addLine(line).statusCode(409).body("code", equalTo("order_closed"))
                .body("message", containsString("is cancelled"));
        patchOrder(line.orderId(), "processing", 409);
        patchOrder(line.orderId(), "completed", 409);
        patchOrder(line.orderId(), "failed", 409);
        assertClosed(order(line.orderId()), "cancelled");

        // no manual move to cancelled either; the parse error lists it
        Line other = graphLine(Graphs.still("graph", 64, 64, true, true));
        LifecycleFixtures.dispatch(other.orderLineId());
        given().contentType(ContentType.JSON).body(Map.of("status", "cancelled"))
                .patch("/api/orders/" + other.orderId()).then().statusCode(409)
                .body("code", equalTo("invalid_status_transition"));
        given().contentType(ContentType.JSON).body(Map.of("status", "gone")).patch("/api/orders/" + other.orderId())
                .then().statusCode(422).body("message", containsString("completed, failed, cancelled"));
        assertProcessing(order(other.orderId()));
    }

    @Test
    void aCancelledOrderIsProcessingAgainWhenItsLineIsOpenedAgain() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        cancelRun((String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id"));
        assertClosed(order(line.orderId()), "cancelled");

        // a cancelled run is not resumed (run_already_terminal); the line is opened again by hand and dispatched anew
        patchLine(line.orderLineId(), "pending");
        assertProcessing(order(line.orderId()));
        completeStillRun(line.orderLineId());
        assertClosed(order(line.orderId()), "completed");
    }

    @Test
    void aFailedOrCancelledLineDispatchedAgainIsPendingAndReopensItsOrderUntilItEnds() {
        // cancelled, then dispatched anew: pending again, its order processing again until the new render ends
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        cancelRun((String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id"));
        assertClosed(order(line.orderId()), "cancelled");
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        assertEquals("pending", lineStatus(line.orderLineId()));
        assertProcessing(order(line.orderId()));
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertClosed(order(line.orderId()), "completed");

        // a completed line dispatched again keeps its result, and its order stays completed, until the render ends
        LifecycleFixtures.dispatch(line.orderLineId());
        assertEquals("completed", lineStatus(line.orderLineId()));
        assertClosed(order(line.orderId()), "completed");

        // a legacy line that failed, dispatched again
        Line legacy = fx.renderableLine(fx.outputType(null, null, null));
        apply(events.failed((String) LifecycleFixtures.dispatch(legacy.orderLineId()).get("celery_task_id"),
                FailureCode.IMPORT_FAILED, false));
        assertClosed(order(legacy.orderId()), "failed");
        String again = (String) LifecycleFixtures.dispatch(legacy.orderLineId()).get("celery_task_id");
        assertEquals("pending", lineStatus(legacy.orderLineId()));
        assertProcessing(order(legacy.orderId()));
        apply(events.started(again));
        apply(events.completed(again, List.of(LifecycleFixtures.still(legacy.orderLineId(), "")), Map.of()));
        assertClosed(order(legacy.orderId()), "completed");
    }

    @Test
    void aLineOfAClosedOrderMovedBetweenClosedStatesMovesItsOrder() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = failedOrderWithOneFailedLine(line);
        JsonPath failed = order(line.orderId());

        patchLine(second, "completed");
        JsonPath completed = order(line.orderId());
        assertClosed(completed, "completed");
        assertSameEnd(failed, completed);

        patchLine(second, "failed");
        assertClosed(order(line.orderId()), "failed");
        patchLine(second, "cancelled");
        assertClosed(order(line.orderId()), "completed");
        patchLine(line.orderLineId(), "cancelled");
        assertClosed(order(line.orderId()), "cancelled");
        patchLine(second, "failed");
        assertClosed(order(line.orderId()), "failed");

        // a draft order is not ended by its lines, nor moved between ends
        Line draft = fx.renderableLine(fx.outputType(null, null, null));
        patchLine(draft.orderLineId(), "failed");
        patchLine(draft.orderLineId(), "completed");
        assertEquals("draft", order(draft.orderId()).getString("status"));
    }
}
