package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelEndpointsTest {

    static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(name).asText()));
        return out;
    }

    @Test
    void nodeDefinitionsListAllSeventeenStepsWithTheirContracts() {
        JsonNode all = get("/api/workflows/node-definitions", 200);
        assertEquals(17, all.size());
        JsonNode still = get("/api/workflows/node-definitions/blender_still", 200);
        assertEquals("async", still.get("executor").asText());
        assertEquals("still", still.get("job_type").asText());
        assertEquals("order_line", still.get("family").asText());
        assertEquals(1920, still.at("/defaults/width").asInt());
        assertTrue(still.at("/settings_schema/$schema").asText().contains("draft-07"));
        assertFalse(still.get("input_contract").isEmpty());
        assertEquals("disabled", get("/api/workflows/node-definitions/threejs_render", 200).get("executor").asText());
    }

    @Test
    void nodeDefinitionsServeTheirRetryPolicyAndRenderNodesAcceptAnOverride() {
        JsonNode still = get("/api/workflows/node-definitions/blender_still", 200);
        assertEquals(3, still.at("/retry_policy/max_attempts").asInt());
        assertEquals("exponential", still.at("/retry_policy/backoff").asText());
        assertEquals(10.0, still.at("/retry_policy/delay_s").asDouble());
        assertEquals(300.0, still.at("/retry_policy/max_delay_s").asDouble());
        assertEquals("object", still.at("/settings_schema/properties/retry_policy/type").asText());
        JsonNode setup = get("/api/workflows/node-definitions/order_line_setup", 200);
        assertEquals(1, setup.at("/retry_policy/max_attempts").asInt(), "in-process steps run once");
        assertTrue(setup.at("/settings_schema/properties/retry_policy").isMissingNode());
    }

    @Test
    void nodeDefinitionsFilterByFamily() {
        Set<String> families = new HashSet<>();
        JsonNode cad = get("/api/workflows/node-definitions?family=cad_file", 200);
        cad.forEach(n -> n.get("families").forEach(f -> families.add(f.asText())));
        assertTrue(field(cad, "step").containsAll(List.of("resolve_step_path", "occ_glb_export", "glb_bbox", "thumbnail_save")));
        assertFalse(field(cad, "step").contains("blender_still"));
        assertTrue(families.contains("cad_file"));
        assertFalse(field(get("/api/workflows/node-definitions?family=order_line", 200), "step").contains("occ_glb_export"));
        JsonNode bad = get("/api/workflows/node-definitions?family=spaceship", 400);
        assertEquals("invalid_query_param", bad.get("code").asText());
        assertEquals("/family", bad.get("path").asText(), "a JSON pointer naming the parameter");
    }

    @Test
    void presetsAndBlueprintsAreServedAsCanonicalGraphs() {
        JsonNode presets = get("/api/workflows/presets", 200);
        assertEquals(List.of("still", "turntable", "multi_angle", "still_with_exports"), field(presets, "name"));
        JsonNode blueprints = get("/api/workflows/blueprints", 200);
        assertEquals(List.of("cad_intake", "still", "turntable", "blend_export", "still_with_exports"), field(blueprints, "name"));
        assertEquals("cad_file", blueprints.get(0).get("family").asText());
        for (JsonNode starter : presets) {
            assertTrue(post("/api/workflows/validate", starter.get("config"), 200).get("valid").asBoolean(), starter.toString());
        }
        for (JsonNode starter : blueprints) {
            JsonNode report = post("/api/workflows/validate", starter.get("config"), 200);
            assertTrue(report.get("valid").asBoolean(), report.toString());
            assertEquals(starter.get("family"), report.get("family"));
        }
    }

    @Test
    void validateReturnsDerivedContractForAValidGraph() {
        JsonNode report = post("/api/workflows/validate", json("{'config':" + WorkflowApiTest.customStill() + "}"), 200);
        assertTrue(report.get("valid").asBoolean());
        assertEquals("order_line", report.get("family").asText());
        assertEquals("order_line", report.get("context_kind").asText());
        assertEquals(json("['still_image']"), report.get("terminal_artifact_kinds"));
        assertEquals(json("['setup','template','populate_materials','resolve_materials','render']"), report.get("topological_order"));
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").asString();
        assertTrue(metrics.contains("registry_workflow_validations_total{outcome=\"valid\"}"), "validations are counted");
    }

    @Test
    void validateReportsEveryErrorWithPointers() {
        JsonNode config = json("{'version':2,'nodes':[{'id':'a','step':'blender_still','params':{'engine':'octane','x':1}},"
                + "{'id':'a','step':'notify'}],'edges':[{'from':'a','to':'a'}]}");
        JsonNode report = post("/api/workflows/validate", config, 200);
        assertFalse(report.get("valid").asBoolean());
        List<String> codes = new ArrayList<>();
        report.get("errors").forEach(e -> codes.add(e.get("code").asText() + "@" + e.get("path").asText()));
        assertEquals(List.of("duplicate_node_id@/nodes/1/id", "invalid_params@/nodes/0/params/engine", "self_loop@/edges/0",
                "unknown_param@/nodes/0/params/x", "unsupported_version@/version"), codes.stream().sorted().toList());
    }

    @Test
    void validateCanonicalizesALegacyPreset() {
        JsonNode report = post("/api/workflows/validate",
                json("{'type':'turntable','params':{'fps':30},'ui':{'execution_mode':'graph'}}"), 200);
        assertTrue(report.get("valid").asBoolean(), report.toString());
        assertEquals("graph", report.get("execution_mode").asText());
        assertEquals(json("['turntable_video']"), report.get("terminal_artifact_kinds"));
        assertEquals("blender_turntable", report.at("/config/nodes/2/step").asText());
    }
}
