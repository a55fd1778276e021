package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static com.hartomat.registry.Bodies.put;
import static com.hartomat.registry.Bodies.unique;
import static com.hartomat.registry.Bodies.workflow;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkflowApiTest {

    static ObjectNode customStill() {
        return (ObjectNode) json("{'version':1,'ui':{'preset':'custom','execution_mode':'graph','zoom':0.75},"
                + "'nodes':[{'id':'setup','step':'order_line_setup','params':{},'position':{'x':10,'y':20}},"
                + "{'id':'template','step':'resolve_template','params':{}},"
                + "{'id':'populate_materials','step':'auto_populate_materials','params':{}},"
                + "{'id':'resolve_materials','step':'material_map_resolve','params':{}},"
                + "{'id':'render','step':'blender_still','params':{'width':1024,'height':768,'focal_length_mm':85.5}}],"
                + "'edges':[{'from':'setup','to':'template'},{'from':'setup','to':'populate_materials'},"
                + "{'from':'template','to':'resolve_materials'},{'from':'populate_materials','to':'resolve_materials'},"
                + "{'from':'template','to':'render'},{'from':'resolve_materials','to':'render'}]}");
    }

    @Test
    void savedConfigSurvivesSaveAndLoadExactlyWithItsDerivedContract() {
        ObjectNode config = customStill();
        JsonNode created = post("/api/workflows", workflow(unique("still"), config), 201);
        assertEquals(config, created.get("config"));
        assertEquals(1, created.get("version").asInt());
        assertTrue(created.get("is_active").asBoolean());
        assertEquals("order_line", created.get("family").asText());
        assertEquals("order_line", created.get("context_kind").asText());
        assertEquals(json("['still_image']"), created.get("terminal_artifact_kinds"));
        JsonNode loaded = get("/api/workflows/" + created.get("id").asText(), 200);
        assertEquals(config, loaded.get("config"), "config round-trips exactly, editor metadata included");
        assertEquals(created, loaded);
    }

    @Test
    void everyUpdateIsANewImmutableVersionAndOldVersionsStayReadable() {
        JsonNode created = post("/api/workflows", workflow(unique("versioned"), customStill()), 201);
        String id = created.get("id").asText();
        ObjectNode changed = customStill();
        ((ObjectNode) changed.at("/nodes/4/params")).put("width", 2048);
        JsonNode v2 = put("/api/workflows/" + id, json("{'config':" + changed + ",'is_active':false}"), 200);
        assertEquals(2, v2.get("version").asInt());
        assertFalse(v2.get("is_active").asBoolean());
        assertEquals(created.get("name"), v2.get("name"), "absent fields keep their values");
        JsonNode v3 = put("/api/workflows/" + id, json("{'name':'renamed'}"), 200);
        assertEquals(3, v3.get("version").asInt());
        assertEquals(changed, v3.get("config"));

        assertEquals(3, get("/api/workflows/" + id, 200).get("version").asInt(), "reads return the latest");
        JsonNode v1 = get("/api/workflows/" + id + "?version=1", 200);
        assertEquals(1024, v1.at("/config/nodes/4/params/width").asInt());
        assertTrue(v1.get("is_active").asBoolean());
        assertEquals(List.of(1, 2, 3), versions(get("/api/workflows/" + id + "/versions", 200)));
        JsonNode missing = get("/api/workflows/" + id + "?version=9", 404);
        assertEquals("version_not_found", missing.get("code").asText());
    }

    @Test
    void legacyPresetConfigIsSavedCanonical() {
        JsonNode legacy = json("{'type':'still_with_exports','params':{'width':640,'height':640,'compress':false},"
                + "'ui':{'execution_mode':'shadow'}}");
        JsonNode created = post("/api/workflows", workflow(unique("legacy"), legacy), 201);
        List<String> ids = new ArrayList<>();
        created.at("/config/nodes").forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(List.of("setup", "template", "render", "blend", "output"), ids);
        assertEquals("shadow", created.at("/config/ui/execution_mode").asText());
        assertEquals("still_with_exports", created.at("/config/ui/preset").asText());
        assertEquals(json("['still_image','blend_asset']"), created.get("terminal_artifact_kinds"));
    }

    @Test
    void invalidConfigIsRefusedWith422AndEveryError() {
        JsonNode config = json("{'version':1,'ui':{'preset':'custom','execution_mode':'graph'},"
                + "'nodes':[{'id':'render','step':'blender_still','params':{'width':0}},{'id':'x','step':'warp_drive'}],"
                + "'edges':[{'from':'missing','to':'render'}]}");
        JsonNode error = post("/api/workflows", workflow(unique("bad"), config), 422);
        assertEquals("invalid_workflow_config", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("Invalid workflow config"));
        List<String> codes = new ArrayList<>();
        error.get("errors").forEach(e -> codes.add(e.get("code").asText() + "@" + e.get("path").asText()));
        assertEquals(List.of("invalid_params@/config/nodes/0/params/width", "unknown_edge_source@/config/edges/0/from",
                "unknown_step@/config/nodes/1/step"), codes.stream().sorted().toList());
    }

    @Test
    void changesArePublishedThroughTheOutboxKeyedByWorkflowId() {
        JsonNode created = post("/api/workflows", workflow(unique("events"), customStill()), 201);
        String id = created.get("id").asText();
        JsonNode v2 = put("/api/workflows/" + id, json("{'is_active':false}"), 200);
        given().when().delete("/api/workflows/" + id).then().statusCode(204);
        get("/api/workflows/" + id, 404);

        List<RegistryChange> events = ChangeEvents.forKey(id, 3);
        assertEquals(3, events.size(), "upsert v1, upsert v2, delete");
        RegistryChange first = events.get(0);
        assertEquals(RegistryChange.WORKFLOW_DEFINITION, first.entityType());
        assertEquals(RegistryChange.UPSERT, first.change());
        assertEquals(1, first.entityVersion());
        Map<String, Object> state = first.state();
        for (String field : List.of("id", "name", "version", "is_active", "output_type_id", "config", "family", "context_kind",
                "terminal_artifact_kinds", "created_at", "updated_at")) {
            assertTrue(state.containsKey(field), field);
        }
        assertEquals(created, Bodies.MAPPER.valueToTree(state), "state is the REST representation");
        assertEquals(v2, Bodies.MAPPER.valueToTree(events.get(1).state()));
        assertEquals(2, events.get(1).entityVersion());
        assertEquals(RegistryChange.DELETE, events.get(2).change());
        assertNull(events.get(2).state());
        assertEquals(3, events.get(2).entityVersion());
        String metrics = given().when().get("/q/metrics").asString();
        assertTrue(metrics.contains("registry_changes_total{change=\"delete\",entity_type=\"workflow_definition\"}"), "changes are counted");
    }

    @Test
    void listReturnsTheLatestVersionOfEachWorkflow() {
        String id = Bodies.saveBlueprint("blend_export");
        put("/api/workflows/" + id, json("{'name':'blend latest'}"), 200);
        JsonNode list = get("/api/workflows", 200);
        JsonNode mine = null;
        for (JsonNode w : list) {
            if (w.get("id").asText().equals(id)) {
                mine = w;
            }
        }
        assertEquals(2, mine.get("version").asInt());
        assertEquals("blend latest", mine.get("name").asText());
    }

    @Test
    void outputTypeLinkIsCheckedWhenSavingAWorkflow() {
        JsonNode stillType = post("/api/output-types", json("{'name':'" + unique("still-type") + "','artifact_kind':'still_image'}"), 201);
        JsonNode refused = post("/api/workflows", workflow(unique("blend"), WorkflowConfigs.blueprint("blend_export"))
                .put("output_type_id", stillType.get("id").asText()), 422);
        assertEquals("incompatible_output_type", refused.get("code").asText());
        assertTrue(refused.get("message").asText().contains("Expected artifact kind: still_image."), refused.toString());
        assertTrue(refused.get("message").asText().contains("blend_asset"), refused.toString());
        JsonNode linked = post("/api/workflows", workflow(unique("still"), WorkflowConfigs.blueprint("still"))
                .put("output_type_id", stillType.get("id").asText()), 201);
        assertEquals(stillType.get("id"), linked.get("output_type_id"));
        JsonNode unknown = post("/api/workflows", workflow(unique("still"), WorkflowConfigs.blueprint("still"))
                .put("output_type_id", java.util.UUID.randomUUID().toString()), 422);
        assertEquals("unknown_output_type", unknown.get("code").asText());
    }

    @Test
    void concurrentUpdatesEachGetTheirOwnVersion() throws Exception {
        String id = Bodies.saveBlueprint("still");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "parallel-" + i;
                results.add(pool.submit(() -> given().contentType(io.restassured.http.ContentType.JSON)
                        .body("{\"name\":\"" + name + "\"}").when().put("/api/workflows/" + id).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> r : results) {
                assertEquals(200, r.get().intValue());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), versions(get("/api/workflows/" + id + "/versions", 200)));
    }

    private static List<Integer> versions(JsonNode list) {
        List<Integer> out = new ArrayList<>();
        list.forEach(v -> out.add(v.get("version").asInt()));
        return out;
    }
}
