package com.hartomat.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;

/** Request bodies and calls shared by the API tests. */
public final class Bodies {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ObjectNode workflow(String name, JsonNode config) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("name", name);
        body.set("config", config);
        return body;
    }

    public static JsonNode post(String path, Object body, int expectedStatus) {
        Response r = given().contentType(ContentType.JSON).body(body.toString()).when().post(path);
        r.then().statusCode(expectedStatus);
        return read(r);
    }

    public static JsonNode put(String path, Object body, int expectedStatus) {
        Response r = given().contentType(ContentType.JSON).body(body.toString()).when().put(path);
        r.then().statusCode(expectedStatus);
        return read(r);
    }

    public static JsonNode get(String path, int expectedStatus) {
        Response r = given().when().get(path);
        r.then().statusCode(expectedStatus);
        return read(r);
    }

    public static JsonNode read(Response r) {
        try {
            String body = r.asString();
            return body == null || body.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("response is not JSON: " + r.asString(), e);
        }
    }

    /** A saved workflow id for a blueprint. */
    public static String saveBlueprint(String blueprint) {
        return post("/api/workflows", workflow(unique(blueprint), WorkflowConfigs.blueprint(blueprint)), 201).get("id").asText();
    }
}
