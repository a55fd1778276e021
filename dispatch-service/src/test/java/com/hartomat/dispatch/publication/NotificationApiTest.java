package com.hartomat.dispatch.publication;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications as publication leaves them (rows): filtered by order and order line, paged, newest first. */
@QuarkusTest
class NotificationApiTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    String notification(String orderId, String orderLineId, String kind) {
        String job = "job-" + UUID.randomUUID();
        return fx.scalar("INSERT INTO notifications (id, order_id, order_line_id, run_id, job_id, kind, dedupe_key, "
                + "payload) VALUES (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?::jsonb) RETURNING id::text",
                UUID.randomUUID().toString(), orderId, orderLineId, UUID.randomUUID().toString(), job, kind,
                kind + ":" + job, "{\"message\": \"" + kind + "\", \"job_id\": \"" + job + "\"}").toString();
    }

    @Test
    void notificationsAreFilteredByOrderAndOrderLineNewestFirst() {
        Line a = fx.bareLine(null);
        Line sameOrder = new Line(UUID.randomUUID().toString(), a.orderId(), a.productId(), null, null);
        Line b = fx.bareLine(null);
        String first = notification(a.orderId(), a.orderLineId(), "render_started");
        String second = notification(a.orderId(), a.orderLineId(), "render_completed");
        String sibling = notification(sameOrder.orderId(), sameOrder.orderLineId(), "render_completed");
        String elsewhere = notification(b.orderId(), b.orderLineId(), "render_failed");

        JsonPath byOrder = given().queryParam("order_id", a.orderId()).get("/api/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, byOrder.getLong("total"));
        assertEquals(List.of(sibling, second, first), byOrder.getList("items.id"));
        Map<String, Object> item = byOrder.getMap("items[1]");
        assertEquals(new TreeSet<>(Set.of("id", "order_id", "order_line_id", "run_id", "job_id", "kind", "payload",
                "created_at")), new TreeSet<>(item.keySet()));
        assertEquals("render_completed", item.get("kind"));
        assertEquals(a.orderLineId(), item.get("order_line_id"));
        assertEquals(Map.of("message", "render_completed", "job_id", item.get("job_id")), item.get("payload"));

        assertEquals(List.of(second, first), given().queryParam("order_line_id", a.orderLineId())
                .get("/api/notifications").then().statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(List.of(second, first), given().queryParam("order_id", a.orderId())
                .queryParam("order_line_id", a.orderLineId()).get("/api/notifications").then().statusCode(200)
                .extract().jsonPath().getList("items.id"));
        assertEquals(List.of(elsewhere), given().queryParam("order_id", b.orderId()).get("/api/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items.id"));
        given().queryParam("order_id", a.orderId()).queryParam("page", 2).queryParam("page_size", 2)
                .get("/api/notifications").then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(2)).body("page_size", equalTo(2))
                .body("items.id", equalTo(List.of(first)));
    }

    @Test
    void badQueryParametersAre400WithCodeAndPath() {
        given().queryParam("order_id", "x").get("/api/notifications").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/order_id"));
        given().queryParam("order_line_id", "x").get("/api/notifications").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/order_line_id"));
        given().queryParam("page", "-1").get("/api/notifications").then().statusCode(400)
                .body("code", equalTo("invalid_page")).body("path", equalTo("/page"));
    }
}
