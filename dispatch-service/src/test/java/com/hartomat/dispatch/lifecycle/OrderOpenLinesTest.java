package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order completes when its last line ends, decided by the open-line count the database keeps on the order (V11):
 * the count follows every way a line is added, ends, is opened again or removed.
 */
@QuarkusTest
class OrderOpenLinesTest extends LifecycleTestBase {

    long openLines(String orderId) {
        return ((Number) fx.scalar("SELECT open_lines FROM orders WHERE id = ?::uuid", orderId)).longValue();
    }

    String orderStatus(String orderId) {
        return (String) fx.scalar("SELECT status FROM orders WHERE id = ?::uuid", orderId);
    }

    String secondLine(Line first) {
        Map<String, Object> body = new HashMap<>();
        body.put("order_id", first.orderId());
        body.put("product_id", first.productId());
        body.put("output_type_id", first.outputTypeId());
        return given().contentType(ContentType.JSON).body(body).post("/api/order-lines")
                .then().statusCode(201).extract().path("id");
    }


    @Test
    void anOrderOfTwoLinesCompletesWithItsSecondLineNotItsFirst() {
        Line first = graphLine(Graphs.still("graph", 64, 64, true, true));
        String second = secondLine(first);
        assertEquals(2, openLines(first.orderId()));

        completeStillRun(first.orderLineId());
        assertEquals(1, openLines(first.orderId()));
        assertEquals("processing", orderStatus(first.orderId()), "one line is still open: dispatched, not ended");
        assertNull(fx.scalar("SELECT completed_at FROM orders WHERE id = ?::uuid", first.orderId()));

        completeStillRun(second);
        assertEquals(0, openLines(first.orderId()));
        assertEquals("completed", orderStatus(first.orderId()));
        assertNotNull(fx.scalar("SELECT completed_at FROM orders WHERE id = ?::uuid", first.orderId()));
    }

    @Test
    void theCountFollowsLinesAddedEndedReopenedAndRemoved() {
        Line first = fx.bareLine(null);
        String second = secondLine(first);
        String third = secondLine(first);
        assertEquals(3, openLines(first.orderId()));

        fx.execute("UPDATE order_lines SET render_status = 'processing' WHERE id = ?::uuid", second);
        assertEquals(3, openLines(first.orderId()), "pending -> processing leaves the line open");
        fx.execute("UPDATE order_lines SET render_status = 'completed' WHERE id = ?::uuid", second);
        fx.execute("UPDATE order_lines SET render_status = 'failed' WHERE id = ?::uuid", third);
        assertEquals(1, openLines(first.orderId()));
        fx.execute("UPDATE order_lines SET render_status = 'failed' WHERE id = ?::uuid", second);
        assertEquals(1, openLines(first.orderId()), "completed -> failed leaves the line closed");
        fx.execute("UPDATE order_lines SET render_status = 'processing' WHERE id = ?::uuid", third);
        assertEquals(2, openLines(first.orderId()), "a retried line is open again");

        given().delete("/api/order-lines/" + third).then().statusCode(204);
        assertEquals(1, openLines(first.orderId()), "an open line removed");
        given().delete("/api/order-lines/" + second).then().statusCode(204);
        assertEquals(1, openLines(first.orderId()), "a closed line removed");
        assertEquals(1L, fx.scalar("SELECT count(*) FROM order_lines WHERE order_id = ?::uuid "
                + "AND render_status NOT IN ('completed', 'failed', 'cancelled')", first.orderId()));
    }

    @Test
    void aCancelledLineIsClosed() {
        Line first = fx.bareLine(null);
        String second = secondLine(first);
        assertEquals(2, openLines(first.orderId()));

        fx.execute("UPDATE order_lines SET render_status = 'cancelled' WHERE id = ?::uuid", second);
        assertEquals(1, openLines(first.orderId()), "a cancelled line is no longer open");
        fx.execute("UPDATE order_lines SET render_status = 'failed' WHERE id = ?::uuid", second);
        assertEquals(1, openLines(first.orderId()), "cancelled -> failed leaves the line closed");
        fx.execute("UPDATE order_lines SET render_status = 'pending' WHERE id = ?::uuid", second);
        assertEquals(2, openLines(first.orderId()), "opened again");
        fx.execute("UPDATE order_lines SET render_status = 'cancelled' WHERE id = ?::uuid", second);
        given().delete("/api/order-lines/" + second).then().statusCode(204);
        assertEquals(1, openLines(first.orderId()), "a cancelled line removed");
    }
}
