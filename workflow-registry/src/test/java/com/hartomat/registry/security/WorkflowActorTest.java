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
    void anActorInTheBodyIsRefusedAsAnUnknownFieldAndWritesNoVersion() {
        for (String field : List.of("actor", "updated_by", "created_by")) {
            ObjectNode body = Bodies.workflow(Bodies.unique("forged"), Bodies.json(CONFIG));
            body.put(field, "mallory");
            Response r = as("alice", "author").body(body.toString()).post("/api/workflows");
            assertEquals(400, r.statusCode(), r.asString());
            assertEquals("unknown_field", Bodies.read(r).get("code").asText());
        }
    }

    private static io.restassured.specification.RequestSpecification as(String subject, String role) {
        return givenToken(TestTokens.token(subject, role)).contentType(ContentType.JSON);
    }
}
