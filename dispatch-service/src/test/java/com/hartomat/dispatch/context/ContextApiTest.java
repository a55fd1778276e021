package com.hartomat.dispatch.context;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.dispatch.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Render contexts over REST: STEP upload into artifact storage, CRUD, order lifecycle, 4xx error bodies. */
@QuarkusTest
class ContextApiTest {

    @Test
    void stepUploadIsStoredUnderTheArtifactRootWithItsSha256() throws Exception {
        byte[] step = (Fixtures.minimalStep("gear") + Fixtures.id()).getBytes(StandardCharsets.UTF_8);
        JsonPath cad = given().multiPart("file", "Gear Box.stp", step, "application/octet-stream").post("/api/cad-files")
                .then().statusCode(201).extract().jsonPath();

        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(step));
        assertEquals(expectedHash, cad.getString("file_hash"));
        assertEquals("Gear_Box.stp", cad.getString("original_name"));
        String stored = cad.getString("stored_path");
        assertTrue(stored.startsWith("step_files/" + cad.getString("id") + "/"), stored);
        Path root = Path.of(ConfigProvider.getConfig().getValue("hartomat.storage.root", String.class));
        assertTrue(java.util.Arrays.equals(step, Files.readAllBytes(root.resolve(stored))));

        given().contentType(ContentType.JSON).body(Map.of("parsed_objects", Map.of("objects", List.of("Body", "Lid"))))
                .patch("/api/cad-files/" + cad.getString("id")).then().statusCode(200)
                .body("parsed_objects.objects[1]", equalTo("Lid"));
        given().get("/api/cad-files/" + cad.getString("id")).then().statusCode(200).body("file_hash", equalTo(expectedHash));
    }

    @Test
    void uploadsThatAreNotStepFilesAreRefused() {
        given().multiPart("file", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/cad-files").then().statusCode(422).body("code", equalTo("unsupported_file_type"))
                .body("path", equalTo("/file"));
        given().multiPart("original_name", "x.step").post("/api/cad-files").then().statusCode(422)
                .body("code", equalTo("missing_file"));
    }

    @Test
    void productsValidateTheirFieldsWithCodeMessageAndPath() {
        given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id())).post("/api/products")
                .then().statusCode(422).body("code", equalTo("missing_field")).body("path", equalTo("/name"))
                .body("message", equalTo("name is required"));
        given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P",
                "cad_part_materials", List.of(Map.of("part_name", "Body")))).post("/api/products")
                .then().statusCode(422).body("path", equalTo("/cad_part_materials/0/material"));
        given().contentType(ContentType.JSON).body("{\"pim_id\": \"x\"").post("/api/products").then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        given().contentType(ContentType.JSON).body("{\"pim_id\": [1]}").post("/api/products").then().statusCode(400)
                .body("code", equalTo("malformed_body")).body("path", equalTo("/pim_id"));
        given().contentType(ContentType.JSON).body(Map.of("pim_id", "P", "name", "N", "cad_file_id", "nope"))
                .post("/api/products").then().statusCode(400).body("code", equalTo("invalid_id"))
                .body("path", equalTo("/cad_file_id"));
    }

    @Test
    void productCrudAndDuplicatePimIdConflict() {
        String pim = "PIM-" + Fixtures.id();
        String id = given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "Bearing",
                "category_key", "bearings", "cad_part_materials", List.of(Map.of("part_name", "Ring", "material", "Steel"))))
                .post("/api/products").then().statusCode(201).body("cad_part_materials[0].part_name", equalTo("Ring"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "Twin")).post("/api/products")
                .then().statusCode(409).body("code", equalTo("conflict")).body("path", equalTo("/pim_id"));
        given().contentType(ContentType.JSON).body(Map.of("pim_id", pim, "name", "Bearing 2")).put("/api/products/" + id)
                .then().statusCode(200).body("name", equalTo("Bearing 2"));
        given().get("/api/products/" + id).then().statusCode(200).body("pim_id", equalTo(pim));
        given().delete("/api/products/" + id).then().statusCode(204);
        given().get("/api/products/" + id).then().statusCode(404).body("code", equalTo("product_not_found"));
    }

    @Test
    void ordersFollowTheirLifecycleAndStampItsTimes() {
        String order = given().contentType(ContentType.JSON).body(Map.of("order_number", "WF-" + Fixtures.id(),
                "created_by", "admin")).post("/api/orders").then().statusCode(201).body("status", equalTo("draft"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("status", "completed")).patch("/api/orders/" + order)
                .then().statusCode(409).body("code", equalTo("invalid_status_transition"));
        given().contentType(ContentType.JSON).body(Map.of("status", "submitted")).patch("/api/orders/" + order)
                .then().statusCode(200).body("status", equalTo("submitted"));
        given().contentType(ContentType.JSON).body(Map.of("status", "processing")).patch("/api/orders/" + order)
                .then().statusCode(200).body("processing_started_at", notNullValue()).body("completed_at", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("status", "completed")).patch("/api/orders/" + order)
                .then().statusCode(200).body("completed_at", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("status", "shipped")).patch("/api/orders/" + order)
                .then().statusCode(422).body("code", equalTo("invalid_status"));
    }

    @Test
    void orderLinesReferenceExistingOrdersAndProducts() {
        String product = given().contentType(ContentType.JSON).body(Map.of("pim_id", "PIM-" + Fixtures.id(), "name", "P"))
                .post("/api/products").then().statusCode(201).extract().path("id");
        String order = given().contentType(ContentType.JSON).body(Map.of("order_number", "WF-" + Fixtures.id()))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).body(Map.of("order_id", Fixtures.id(), "product_id", product))
                .post("/api/order-lines").then().statusCode(422).body("code", equalTo("unknown_reference"))
                .body("path", equalTo("/order_id"));
        String line = given().contentType(ContentType.JSON).body(Map.of("order_id", order, "product_id", product,
                "output_type_id", Fixtures.id())).post("/api/order-lines").then().statusCode(201)
                .body("render_status", equalTo("pending")).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("render_status", "completed", "result_path", "renders/x.png"))
                .patch("/api/order-lines/" + line).then().statusCode(200).body("result_path", equalTo("renders/x.png"));
        given().queryParam("order_id", order).get("/api/order-lines").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(line));
        given().delete("/api/order-lines/" + line).then().statusCode(204);
    }
}
