package com.hartomat.registry.security;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.registry.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The author of every workflow version is the token's subject; a forged X-Actor or body field does not change it. */
@QuarkusTest
class WorkflowActorTest {

    private static final String CONFIG = "{'version':1,'ui':{'preset':'custom','execution_mode':'graph'},"
            + "'nodes':[{'id':'setup','step':'order_line_setup','params':{}},"
            + "{'id':'template','step':'resolve_template','params':{}},"
            + "{'id':'populate_materials','step':'auto_populate_materials','params':{}},"
            + "{'id':'resolve_materials','step':'material_map_resolve','params':{}},"
            + "{'id':'render','step':'blender_still','params':{'width':64,'height':64}}],"
            + "'edges':[{'from':'setup','to':'template'},{'from':'setup','to':'populate_materials'},"
            + "{'from':'template','to':'resolve_materials'},{'from':'populate_materials','to':'resolve_materials'},"
            + "{'from':'resolve_materials','to':'render'}]}";

    @Test
    void eachVersionRecordsTheSubjectOfTheTokenThatWroteItNotTheXActorHeader() {
        ObjectNode body = Bodies.workflow(Bodies.unique("audited"), Bodies.json(CONFIG));
        JsonNode v1 = Bodies.read(as("alice", "author").header("X-Actor", "mallory").body(body.toString())
                .post("/api/workflows").then().statusCode(201).extract().response());
        assertEquals("alice", v1.get("updated_by").asText());
        String id = v1.get("id").asText();

        JsonNode v2 = Bodies.read(as("bob", "operator").header("X-Actor", "mallory").body("{\"name\":\"renamed\"}")
                .put("/api/workflows/" + id).then().statusCode(200).extract().response());
        assertEquals(2, v2.get("version").asInt());
        assertEquals("bob", v2.get("updated_by").asText());

        List<String> authors = new ArrayList<>();
        Bodies.get("/api/workflows/" + id + "/versions", 200).forEach(v -> authors.add(v.get("updated_by").asText()));
        assertEquals(List.of("alice", "bob"), authors);
    }

    @Test
    void anActorInACreateBodyIsRefusedAsAnUnknownFieldAndWritesNoVersion() {
        for (String field : List.of("actor", "updated_by", "created_by")) {
            ObjectNode body = Bodies.workflow(Bodies.unique("forged"), Bodies.json(CONFIG));
            body.put(field, "mallory");
            Response r = as("alice", "author").body(body.toString()).post("/api/workflows");
            assertEquals(400, r.statusCode(), r.asString());
            assertEquals("unknown_field", Bodies.read(r).get("code").asText());
        }
    }

    @Test
    void onPutTheReadOnlyUpdatedByMustEqualTheStoredAuthorAndTheNewVersionRecordsTheCaller() {
        ObjectNode body = Bodies.workflow(Bodies.unique("echoed"), Bodies.json(CONFIG));
        JsonNode v1 = Bodies.read(as("alice", "author").body(body.toString()).post("/api/workflows")
                .then().statusCode(201).extract().response());
        String id = v1.get("id").asText();

        ObjectNode forged = v1.deepCopy();
        forged.put("updated_by", "mallory");
        Response refused = as("bob", "author").body(forged.toString()).put("/api/workflows/" + id);
        assertEquals(422, refused.statusCode(), refused.asString());
        assertEquals("read_only_field", Bodies.read(refused).get("code").asText());
        assertEquals("/updated_by", Bodies.read(refused).get("path").asText());

        // the body as read (updated_by: alice) is accepted, and the version it writes is bob's
        JsonNode v2 = Bodies.read(as("bob", "author").body(v1.toString()).put("/api/workflows/" + id)
                .then().statusCode(200).extract().response());
        assertEquals(2, v2.get("version").asInt());
        assertEquals("bob", v2.get("updated_by").asText());
    }

    private static io.restassured.specification.RequestSpecification as(String subject, String role) {
        return givenToken(TestTokens.token(subject, role)).contentType(ContentType.JSON);
    }
}
