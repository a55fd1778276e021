package com.hartomat.registry;


import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.registry.Bodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, the answer is a 4xx JSON error with code, message and path, never a 500. */
@QuarkusTest
class BadInputTest {

    /**
     * Large bodies go through the JDK client: rest-assured pretty-prints bodies when an expectation fails, which for
     * megabyte requests exhausts the test heap instead of reporting the failure.
     */
    static JsonNode sendLarge(String path, String body, int expected) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + com.hartomat.deploy.local.auth.TestTokens.forRole("admin"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String shown = r.body().length() > 500 ? r.body().substring(0, 500) + "…" : r.body();
        assertEquals(expected, r.statusCode(), shown);
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), shown);
        JsonNode error = Bodies.MAPPER.readTree(r.body());
        assertTrue(error.has("code") && error.has("message") && error.has("path"), shown);
        return error;
    }

    static JsonNode send(String method, String path, String body, int expected) {
        Response r = given().contentType(ContentType.JSON).body(body).when().request(method, path);
        r.then().statusCode(expected).contentType(ContentType.JSON);
        JsonNode error = Bodies.read(r);
        assertTrue(error.has("code") && error.has("message") && error.has("path"), error.toString());
        assertFalse(error.get("message").asText().isBlank());
        return error;
    }

    @Test
    void malformedJsonIsA400() {
        for (String path : new String[] {"/api/workflows", "/api/output-types", "/api/render-templates", "/api/materials",
                "/api/workflows/validate"}) {
            assertEquals("malformed_json", send("POST", path, "{\"name\": ", 400).get("code").asText(), path);
        }
        JsonNode duplicate = send("POST", "/api/materials", "{\"name\":\"a\",\"name\":\"b\"}", 400);
        assertEquals("malformed_json", duplicate.get("code").asText());
        assertTrue(duplicate.get("message").asText().contains("Duplicate field 'name'"), duplicate.toString());
    }

    @Test
    void wrongTypesAndUnknownFieldsNameTheirPaths() {
        JsonNode wrong = send("POST", "/api/output-types", json("{'name':42,'render_settings':[1],'colour':'red'}").toString(), 400);
        assertEquals("unknown_field", wrong.get("code").asText());
        assertEquals("/colour", wrong.get("path").asText());
        assertEquals(3, wrong.get("errors").size(), wrong.toString());
        JsonNode notObject = send("POST", "/api/workflows", "[1,2,3]", 400);
        assertEquals("invalid_type", notObject.get("code").asText());
        JsonNode configType = send("POST", "/api/workflows", json("{'name':'x','config':'still'}").toString(), 400);
        assertEquals("/config", configType.get("path").asText());
        JsonNode badEnum = send("POST", "/api/output-types", json("{'name':'x','artifact_kind':'hologram'}").toString(), 400);
        assertEquals("/artifact_kind", badEnum.get("path").asText());
        JsonNode badUuid = send("POST", "/api/output-types", json("{'name':'x','workflow_definition_id':'nope'}").toString(), 400);
        assertEquals("/workflow_definition_id", badUuid.get("path").asText());
    }

    /**
     * A number or boolean where a string is expected is refused with the value's path, not stored as its text. The
     * registry reads bodies as trees with its {@code RequestReader} (every problem at once), so its code is
     * {@code invalid_type}, as docs/registry.md lists it, where services binding bodies to records answer
     * {@code malformed_body} (api-errors' StrictJson).
     */
    @Test
    void aNumberOrBooleanWhereAStringIsExpectedIsRefusedAtItsPath() {
        JsonNode number = send("POST", "/api/materials", "{\"name\": 123}", 400);
        assertEquals("invalid_type", number.get("code").asText(), number.toString());
        assertEquals("/name", number.get("path").asText());
        assertEquals("name must be a string", number.get("message").asText());
        JsonNode bool = send("POST", "/api/output-types", "{\"name\": true}", 400);
        assertEquals("invalid_type", bool.get("code").asText(), bool.toString());
        assertEquals("/name", bool.get("path").asText());
        assertEquals("name must be a string", bool.get("message").asText());
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        assertEquals("not_found", send("GET", "/api/workflows/" + UUID.randomUUID(), "", 404).get("code").asText());
        assertEquals("not_found", send("GET", "/api/workflows/not-a-uuid", "", 404).get("code").asText());
        assertEquals("not_found", send("PUT", "/api/materials/" + UUID.randomUUID(), "{}", 404).get("code").asText());
        assertEquals("not_found", send("DELETE", "/api/render-templates/" + UUID.randomUUID(), "", 404).get("code").asText());
        assertEquals("not_found", send("GET", "/api/workflows/node-definitions/warp_drive", "", 404).get("code").asText());
    }

    @Test
    void wrongMediaTypeAndMethodAreJsonErrors() {
        Response r = given().contentType(ContentType.TEXT).body("hello").when().post("/api/workflows");
        r.then().statusCode(415).contentType(ContentType.JSON);
        assertEquals("unsupported_media_type", Bodies.read(r).get("code").asText());
        Response m = given().when().patch("/api/output-types");
        m.then().statusCode(405).contentType(ContentType.JSON);
        assertEquals("method_not_allowed", Bodies.read(m).get("code").asText());
    }

    @Test
    void emptyBodiesUnknownRoutesAndBadQueryParamsAreJsonErrors() {
        assertEquals("missing_body", send("POST", "/api/workflows", "", 400).get("code").asText());
        assertEquals("missing_body", send("POST", "/api/workflows/validate", "", 400).get("code").asText());
        assertEquals("not_found", send("GET", "/api/no-such-collection", "", 404).get("code").asText());
        String id = Bodies.saveBlueprint("blend_export");
        JsonNode badVersion = send("GET", "/api/workflows/" + id + "?version=latest", "", 400);
        assertEquals("invalid_query_param", badVersion.get("code").asText());
        assertEquals("/version", badVersion.get("path").asText(), "a JSON pointer naming the parameter");
    }

    @Test
    void bodyOverTheConfiguredSizeIsA413() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertEquals("payload_too_large", sendLarge("/api/materials", huge, 413).get("code").asText());
    }

    @Test
    void chunkedBodyOverTheConfiguredSizeIsA413WithTheJsonError() throws Exception {
        byte[] huge = ("{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // no Content-Length: the body arrives chunked, so only the bytes read can tell it is too large
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                                + "/api/materials"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + com.hartomat.deploy.local.auth.TestTokens.forRole("admin"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(huge))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.body());
        JsonNode error = Bodies.MAPPER.readTree(r.body());
        assertEquals("payload_too_large", error.get("code").asText(), r.body());
        assertFalse(error.get("message").asText().isBlank());
        assertEquals("", error.get("path").asText());
    }

    @Test
    void absurdGraphIsRefusedWithItsOwnCodeBeforeValidationWork() throws Exception {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"step\":\"notify\"}");
        }
        String config = "{\"version\":1,\"nodes\":[" + nodes + "],\"edges\":[]}";
        JsonNode save = sendLarge("/api/workflows", "{\"name\":\"huge\",\"config\":" + config + "}", 413);
        assertEquals("too_many_nodes", save.get("code").asText());
        assertEquals("/config/nodes", save.get("path").asText());
        JsonNode validate = sendLarge("/api/workflows/validate", config, 413);
        assertEquals("too_many_nodes", validate.get("code").asText());
    }

    @Test
    void deeplyNestedParamsAreRefusedNotCrashing() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        // the raw client: on a failure, rest-assured would pretty-print 5,000 nesting levels into an OutOfMemoryError
        JsonNode error = sendLarge("/api/workflows/validate", "{\"version\":1,\"nodes\":" + deep + "}", 400);
        assertEquals("malformed_json", error.get("code").asText());
    }
}
