package com.hartomat.dispatch.errors;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.dispatch.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed input a user met: each gets a 4xx JSON {code, message, path} in the body's terms. */
@QuarkusTest
class BadInputTest {

    /**
     * A request sent as written (a broken escape stays broken), the way curl sends it without -d: no body, no
     * Content-Type. Only the body of a refusal is read: a stream's 200 never ends.
     */
    static Answer raw(String method, String target, String role) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.forRole(role) + "\r\n" + ("POST".equals(method) ? "Content-Length: 0\r\n" : "")
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            int length = -1;
            String type = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            StringBuilder body = new StringBuilder();
            if (status >= 400 && length > 0) {
                char[] buffer = new char[length];
                int read;
                while (body.length() < length && (read = in.read(buffer, 0, length - body.length())) > 0) {
                    body.append(buffer, 0, read);
                }
            }
            return new Answer(status, type, body.toString());
        }
    }

    record Answer(int status, String type, String body) {
        JsonPath json() {
            return new JsonPath(body);
        }
    }

    @Test
    void cancelAndRetryWithoutBodyOrContentTypeAreRead() throws Exception {
        Answer cancel = raw("POST", "/api/workflows/runs/" + Fixtures.id() + "/cancel", "operator");
        assertEquals(404, cancel.status(), cancel.body());
        assertEquals("run_not_found", cancel.json().getString("code"));
        Answer retry = raw("POST", "/api/workflows/runs/" + Fixtures.id() + "/retry", "operator");
        assertEquals(422, retry.status(), retry.body());
        assertEquals("body_required", retry.json().getString("code"));
    }

    @Test
    void wrongJsonTypesAreMalformedBodiesWithTheValuesPath() {
        given().contentType(ContentType.JSON).body("{\"pim_id\":123,\"name\":\"N\"}").post("/api/products").then()
                .statusCode(400).body("code", equalTo("malformed_body")).body("path", equalTo("/pim_id"))
                .body("message", equalTo("pim_id must be a string"));
        given().contentType(ContentType.JSON).body("{\"pim_id\":\"P-" + Fixtures.id() + "\",\"name\":true}")
                .post("/api/products").then().statusCode(400).body("code", equalTo("malformed_body"))
                .body("path", equalTo("/name")).body("message", equalTo("name must be a string"));
        given().contentType(ContentType.JSON).body("{\"pim_id\":\"P-" + Fixtures.id() + "\",\"name\":1e999}")
                .post("/api/products").then().statusCode(400).body("code", equalTo("malformed_body"))
                .body("path", equalTo("/name"));
        given().contentType(ContentType.JSON).body("{\"order_number\":5}").post("/api/orders").then()
                .statusCode(400).body("code", equalTo("malformed_body")).body("path", equalTo("/order_number"));
    }

    @Test
    void refusalsNameNoJavaTypes() {
        given().contentType(ContentType.JSON).body("[1]").post("/api/products").then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo(""))
                .body("message", equalTo("the body must be a JSON object"));
        given().contentType(ContentType.JSON).body("{\"from_node\":\"render\",\"params\":\"x\"}")
                .post("/api/workflows/runs/" + Fixtures.id() + "/retry").then().statusCode(400)
                .body("path", equalTo("/params")).body("message", equalTo("params must be a JSON object"));
        given().contentType(ContentType.JSON).body("\"x\"").post("/api/workflows/runs/" + Fixtures.id() + "/retry")
                .then().statusCode(400).body("message", allOf(not(containsString("com.")), not(containsString("`"))));
        given().accept("image/png").get("/api/products").then().statusCode(406).body("code", equalTo("not_acceptable"))
                .body("message", not(containsString("@Produces")));
    }

    /**
     * Constraints a request breaks are answered in the body's terms: field, value, what is missing or taken, never
     * PostgreSQL's "Key (…)=(…)" or a table name.
     */
    @Test
    void aFieldNamingAMissingRecordIsAnUnknownReferenceAtThatField() {
        String cad = Fixtures.id();
        given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P",
                "cad_file_id", cad)).post("/api/products").then().statusCode(422)
                .body("code", equalTo("unknown_reference")).body("path", equalTo("/cad_file_id"))
                .body("message", equalTo("cad_file_id '" + cad + "' names no CAD file"));
        String product = given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P"))
                .post("/api/products").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P",
                "cad_file_id", cad)).put("/api/products/" + product).then().statusCode(422)
                .body("code", equalTo("unknown_reference")).body("path", equalTo("/cad_file_id"))
                .body("message", allOf(not(containsString("Key (")), not(containsString("cad_files"))));

        String order = given().contentType(ContentType.JSON).body(Map.of("order_number", "WF-" + Fixtures.id()))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        String missing = Fixtures.id();
        given().contentType(ContentType.JSON).body(Map.of("order_id", order, "product_id", missing))
                .post("/api/order-lines").then().statusCode(422).body("code", equalTo("unknown_reference"))
                .body("path", equalTo("/product_id")).body("message", equalTo("product_id '" + missing + "' names no product"));
        given().contentType(ContentType.JSON).body(Map.of("order_id", missing, "product_id", product))
                .post("/api/order-lines").then().statusCode(422).body("code", equalTo("unknown_reference"))
                .body("path", equalTo("/order_id")).body("message", equalTo("order_id '" + missing + "' names no order"));
    }

    @Test
    void aTakenPimIdIsAConflictAtPimIdWithoutTheDatabasesWording() {
        String pim = "PIM-" + Fixtures.id();
        given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "First")).post("/api/products")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "Twin")).post("/api/products").then()
                .statusCode(409).body("code", equalTo("conflict")).body("path", equalTo("/pim_id"))
                .body("message", equalTo("pim_id '" + pim + "' is already taken"))
                .body("message", not(containsString("Key (")));
        String other = given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "B"))
                .post("/api/products").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "B")).put("/api/products/" + other)
                .then().statusCode(409).body("code", equalTo("conflict")).body("path", equalTo("/pim_id"))
                .body("message", not(containsString("Key (")));
        String longPim = "PIM-" + "x".repeat(300) + Fixtures.id();
        given().contentType(ContentType.JSON).body(Map.of("pim_id", longPim, "name", "Long")).post("/api/products")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("pim_id", longPim, "name", "Long twin")).post("/api/products")
                .then().statusCode(409).body("path", equalTo("/pim_id"))
                .body("message", equalTo("pim_id '" + longPim.substring(0, 64) + "…' is already taken"));
    }

    @Test
    void deletingAProductOrderLinesStillUseIsReferencedInTheApisTerms() {
        String product = given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P"))
                .post("/api/products").then().statusCode(201).extract().path("id");
        String order = given().contentType(ContentType.JSON).body(Map.of("order_number", "WF-" + Fixtures.id()))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("order_id", order, "product_id", product))
                .post("/api/order-lines").then().statusCode(201);
        given().delete("/api/products/" + product).then().statusCode(409).body("code", equalTo("referenced"))
                .body("path", equalTo("")).body("message", equalTo("the product is still used by order lines"));
    }

    @Test
    void orderLineRenderStatusAndOutputTypeAreChecked() {
        String product = given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P"))
                .post("/api/products").then().statusCode(201).extract().path("id");
        String order = given().contentType(ContentType.JSON).body(Map.of("order_number", "WF-" + Fixtures.id()))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("order_id", order, "product_id", product,
                "output_type_id", "zzz")).post("/api/order-lines").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/output_type_id"));
        String unknownType = Fixtures.id();
        String line = given().contentType(ContentType.JSON).body(Map.of("order_id", order, "product_id", product,
                "output_type_id", unknownType)).post("/api/order-lines").then().statusCode(201)
                .body("output_type_id", equalTo(unknownType)).extract().path("id");

        given().contentType(ContentType.JSON).body(Map.of("output_type_id", "nope")).patch("/api/order-lines/" + line)
                .then().statusCode(400).body("code", equalTo("invalid_id")).body("path", equalTo("/output_type_id"));
        given().contentType(ContentType.JSON).body(Map.of("render_status", "bogus")).patch("/api/order-lines/" + line)
                .then().statusCode(422).body("code", equalTo("invalid_value")).body("path", equalTo("/render_status"))
                .body("message", allOf(containsString("pending"), containsString("processing"),
                        containsString("completed"), containsString("failed"), containsString("cancelled")));
        given().contentType(ContentType.JSON).body("{\"render_status\":42}").patch("/api/order-lines/" + line)
                .then().statusCode(400).body("code", equalTo("malformed_body")).body("path", equalTo("/render_status"));
        given().get("/api/order-lines/" + line).then().statusCode(200).body("render_status", equalTo("pending"))
                .body("output_type_id", equalTo(unknownType));
        given().contentType(ContentType.JSON).body(Map.of("render_status", "failed")).patch("/api/order-lines/" + line)
                .then().statusCode(200).body("render_status", equalTo("failed"));
    }

    @Test
    void filtersWithABadIdOrValueAreRefused() throws Exception {
        given().get("/api/workflows/runs?workflow_id=bad").then().statusCode(400).body("code", equalTo("invalid_id"))
                .body("path", equalTo("/workflow_id"));
        for (String filter : new String[] {"workflow_id", "output_type_id", "order_line_id"}) {
            Answer stream = raw("GET", "/api/workflows/runs/events?" + filter + "=bad", "viewer");
            assertEquals(400, stream.status(), filter + ": " + stream.body());
            assertEquals("invalid_id", stream.json().getString("code"));
            assertEquals("/" + filter, stream.json().getString("path"));
        }
        given().get("/api/media-assets?asset_type=bogus").then().statusCode(400).body("code", equalTo("invalid_value"))
                .body("path", equalTo("/asset_type")).body("message", allOf(containsString("still"),
                        containsString("turntable"), containsString("multi_angle")));
        given().get("/api/media-assets?asset_type=still").then().statusCode(200);
    }

    @Test
    void aBadRunStatusFilterListsOnlyRunStatuses() {
        String message = given().get("/api/workflows/runs?status=bogus").then().statusCode(422)
                .body("code", equalTo("invalid_status")).extract().path("message");
        assertFalse(message.contains("queued") || message.contains("skipped"), message);
        for (String status : new String[] {"pending", "running", "completed", "failed", "cancelled"}) {
            assertTrue(message.contains(status), message);
        }
    }

    @Test
    void aBrokenEscapeInTheQueryIsAMalformedRequest() throws Exception {
        Answer query = raw("GET", "/api/products?page=%ZZ", "viewer");
        assertEquals(400, query.status(), query.body());
        assertEquals("malformed_request", query.json().getString("code"));
        assertFalse(query.json().getString("message").contains("HTTP 400"), query.body());
        Answer path = raw("GET", "/api/products/%ZZ", "viewer");
        assertEquals(400, path.status(), path.body());
        assertEquals("malformed_request", path.json().getString("code"));
    }
}
