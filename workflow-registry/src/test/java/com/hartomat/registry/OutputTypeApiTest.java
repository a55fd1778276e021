package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static com.hartomat.registry.Bodies.put;
import static com.hartomat.registry.Bodies.saveBlueprint;
import static com.hartomat.registry.Bodies.unique;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.RegistryChange;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutputTypeApiTest {

    static List<String> errors(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("errors").forEach(e -> out.add(e.get("code").asText() + "@" + e.get("path").asText()));
        return out;
    }

    @Test
    void legacyOutputTypeWithoutWorkflowGetsDefaultsTheBackendAccepts() {
        JsonNode created = post("/api/output-types", json("{'name':'" + unique("legacy") + "'}"), 201);
        assertEquals("order_line", created.get("workflow_family").asText());
        assertEquals("still_image", created.get("artifact_kind").asText());
        assertEquals("auto", created.get("render_backend").asText());
        assertTrue(created.get("workflow_definition_id").isNull());
        assertEquals(json("{'width':1920,'height':1080,'engine':'cycles','samples':64}"), created.get("render_settings"));
        assertEquals(json("{}"), created.get("invocation_overrides"));
        // what create returned is itself acceptable to update, unchanged
        JsonNode same = put("/api/output-types/" + created.get("id").asText(), json("{'render_settings':"
                + created.get("render_settings") + ",'render_backend':'auto'}"), 200);
        assertEquals(created.get("render_settings"), same.get("render_settings"));
    }

    @Test
    void aDefaultMaterialMustBeInTheMaterialLibraryAndCanBeChangedAndCleared() {
        String brass = unique("Brass");
        post("/api/materials", json("{'name':'" + brass + "','aliases':['" + brass + "-alias'],"
                + "'definition':{'base_color':'#b5a642','metallic':1.0,'roughness':0.3}}"), 201);

        JsonNode none = post("/api/output-types", json("{'name':'" + unique("no-default") + "'}"), 201);
        assertTrue(none.get("default_material").isNull(), none.toString());

        // by name, case-insensitively (as dispatch resolves it), kept as written
        JsonNode created = post("/api/output-types", json("{'name':'" + unique("with-default") + "','default_material':'"
                + brass.toUpperCase() + "'}"), 201);
        String id = created.get("id").asText();
        assertEquals(brass.toUpperCase(), created.get("default_material").asText());
        assertEquals(brass.toUpperCase(), get("/api/output-types/" + id, 200).get("default_material").asText());

        JsonNode unknown = post("/api/output-types", json("{'name':'" + unique("ghost-material")
                + "','default_material':'No Such Material " + unique("x") + "'}"), 422);
        assertEquals("unknown_material", unknown.get("code").asText());
        assertEquals(List.of("unknown_material@/default_material"), errors(unknown));
        JsonNode wrongType = post("/api/output-types", json("{'name':'" + unique("typed") + "','default_material':7}"), 400);
        assertEquals("/default_material", wrongType.get("path").asText(), wrongType.toString());

        // an alias names the material too; an unknown one on update is refused and changes nothing
        assertEquals(brass + "-alias", put("/api/output-types/" + id, json("{'default_material':'" + brass + "-alias'}"), 200)
                .get("default_material").asText());
        assertEquals("unknown_material", put("/api/output-types/" + id, json("{'default_material':'Nope " + unique("y") + "'}"),
                422).get("code").asText());
        assertEquals(brass + "-alias", get("/api/output-types/" + id, 200).get("default_material").asText());
        // absent keeps it, an explicit null clears it
        assertEquals(brass + "-alias", put("/api/output-types/" + id, json("{'render_backend':'auto'}"), 200)
                .get("default_material").asText());
        assertTrue(put("/api/output-types/" + id, json("{'default_material':null}"), 200).get("default_material").isNull());
    }

    @Test
    void aMaterialAnOutputTypeNamesAsItsDefaultCannotBeDeletedOrRenamedAway() {
        String bronze = unique("Bronze");
        String materialId = post("/api/materials", json("{'name':'" + bronze + "','aliases':['" + bronze + "-alias'],"
                + "'definition':{'base_color':'#cd7f32','metallic':1.0,'roughness':0.4}}"), 201).get("id").asText();
        String outputType = unique("bronze-default");
        String id = post("/api/output-types", json("{'name':'" + outputType + "','default_material':'" + bronze
                + "-alias'}"), 201).get("id").asText();

        JsonNode deleted = given().delete("/api/materials/" + materialId).then().statusCode(409).extract().as(JsonNode.class);
        assertEquals("material_in_use", deleted.get("code").asText());
        assertTrue(deleted.get("message").asText().contains(outputType), deleted.toString());
        assertEquals("", deleted.get("path").asText());
        JsonNode unaliased = put("/api/materials/" + materialId, json("{'aliases':[]}"), 409);
        assertEquals("material_in_use", unaliased.get("code").asText());
        assertEquals("/aliases", unaliased.get("path").asText());
        assertEquals(List.of(bronze + "-alias"), aliasesOf(get("/api/materials/" + materialId, 200)), "nothing changed");

        // a rename that keeps the alias the output type uses is fine; so is any change once nothing names it
        put("/api/materials/" + materialId, json("{'name':'" + bronze + " renamed'}"), 200);
        put("/api/output-types/" + id, json("{'default_material':null}"), 200);
        put("/api/materials/" + materialId, json("{'aliases':[]}"), 200);
        given().delete("/api/materials/" + materialId).then().statusCode(204);
    }

    static List<String> aliasesOf(JsonNode material) {
        List<String> out = new ArrayList<>();
        material.get("aliases").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void linkingAWorkflowThatProducesTheWrongArtifactIsRefusedInTheReferencesWords() {
        String blend = saveBlueprint("blend_export");
        JsonNode refused = post("/api/output-types", json("{'name':'" + unique("mismatch") + "','artifact_kind':'still_image',"
                + "'workflow_definition_id':'" + blend + "'}"), 422);
        assertEquals("incompatible_workflow", refused.get("code").asText());
        String reasons = refused.get("errors").toString();
        assertTrue(reasons.contains("Expected artifact kind: still_image."), reasons);
        assertTrue(reasons.contains("blend_asset"), reasons);

        JsonNode cadMismatch = post("/api/output-types", json("{'name':'" + unique("family") + "','workflow_family':'cad_file',"
                + "'artifact_kind':'cad_thumbnail','workflow_definition_id':'" + saveBlueprint("still") + "'}"), 422);
        assertTrue(errors(cadMismatch).contains("workflow_family_mismatch@/workflow_definition_id"), cadMismatch.toString());
    }

    @Test
    void compatibleLinkDefaultsFromTheWorkflowAndOverridesAreCheckedAgainstItsNodes() {
        String still = saveBlueprint("still");
        JsonNode created = post("/api/output-types", json("{'name':'" + unique("still") + "','workflow_definition_id':'" + still
                + "','invocation_overrides':{'render':{'width':2048,'samples':128}}}"), 201);
        assertEquals("order_line", created.get("workflow_family").asText());
        assertEquals("still_image", created.get("artifact_kind").asText());
        assertEquals(still, created.get("workflow_definition_id").asText());

        JsonNode badOverrides = post("/api/output-types", json("{'name':'" + unique("bad") + "','workflow_definition_id':'" + still
                + "','invocation_overrides':{'render':{'width':-1,'glow':true},'nowhere':{}}}"), 422);
        assertEquals("invalid_output_type", badOverrides.get("code").asText());
        assertEquals(List.of("invalid_params@/invocation_overrides/render/width", "unknown_override_node@/invocation_overrides/nowhere",
                "unknown_param@/invocation_overrides/render/glow"), errors(badOverrides).stream().sorted().toList());

        JsonNode noWorkflow = post("/api/output-types", json("{'name':'" + unique("orphan")
                + "','invocation_overrides':{'render':{'width':100}}}"), 422);
        assertEquals(List.of("overrides_without_workflow@/invocation_overrides"), errors(noWorkflow));
        JsonNode unknownWorkflow = post("/api/output-types", json("{'name':'" + unique("ghost") + "','workflow_definition_id':'"
                + java.util.UUID.randomUUID() + "'}"), 422);
        assertEquals("unknown_workflow_definition", unknownWorkflow.get("code").asText());
    }

    @Test
    void updatesAreCheckedTooAndAWorkflowVersionMayNotBreakItsOutputTypes() {
        String still = saveBlueprint("still");
        JsonNode ot = post("/api/output-types", json("{'name':'" + unique("guarded") + "','workflow_definition_id':'" + still + "'}"), 201);
        String id = ot.get("id").asText();
        JsonNode refused = put("/api/output-types/" + id, json("{'artifact_kind':'turntable_video'}"), 422);
        assertTrue(refused.get("errors").toString().contains("Expected artifact kind: turntable_video."), refused.toString());
        assertEquals("still_image", get("/api/output-types/" + id, 200).get("artifact_kind").asText(), "refused update changed nothing");

        JsonNode breaking = put("/api/workflows/" + still, json("{'config':" + com.hartomat.workflow.model.WorkflowConfigs
                .blueprint("blend_export") + "}"), 422);
        assertEquals("incompatible_output_type", breaking.get("code").asText());
        assertEquals(1, get("/api/workflows/" + still, 200).get("version").asInt(), "no version was written");
        JsonNode inUse = Bodies.read(given().when().delete("/api/workflows/" + still));
        assertEquals("workflow_in_use", inUse.get("code").asText());
        JsonNode renamed = put("/api/workflows/" + still, json("{'name':'" + unique("renamed") + "'}"), 200);
        List<RegistryChange> workflowEvents = ChangeEvents.forKey(still, 2);
        assertEquals(List.of(1L, 2L), workflowEvents.stream().map(RegistryChange::entityVersion).toList(),
                "the refused version left no change event behind");
        assertEquals(renamed, Bodies.MAPPER.valueToTree(workflowEvents.get(1).state()));

        JsonNode unlinked = put("/api/output-types/" + id, json("{'workflow_definition_id':null,'render_backend':'blender'}"), 200);
        assertTrue(unlinked.get("workflow_definition_id").isNull());
        assertEquals("blender", unlinked.get("render_backend").asText());
    }

    @Test
    void outputTypeChangesArePublishedWithTheirFullState() {
        String still = saveBlueprint("still");
        JsonNode created = post("/api/output-types", json("{'name':'" + unique("events") + "','workflow_definition_id':'" + still
                + "','render_settings':{'width':800,'height':600,'legacy_flag':true}}"), 201);
        String id = created.get("id").asText();
        JsonNode updated = put("/api/output-types/" + id, json("{'name':'" + unique("renamed") + "'}"), 200);
        given().when().delete("/api/output-types/" + id).then().statusCode(204);

        List<RegistryChange> events = ChangeEvents.forKey(id, 3);
        assertEquals(3, events.size());
        assertEquals(RegistryChange.OUTPUT_TYPE, events.get(0).entityType());
        assertEquals(created, Bodies.MAPPER.valueToTree(events.get(0).state()));
        for (String field : List.of("id", "name", "workflow_family", "artifact_kind", "workflow_definition_id", "render_settings",
                "invocation_overrides", "render_backend")) {
            assertTrue(events.get(0).state().containsKey(field), field);
        }
        assertEquals(updated, Bodies.MAPPER.valueToTree(events.get(1).state()));
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(RegistryChange::entityVersion).toList());
        assertEquals(RegistryChange.DELETE, events.get(2).change());
        assertNull(events.get(2).state());
    }

    @Test
    void duplicateNamesConflict() {
        String name = unique("twice");
        post("/api/output-types", json("{'name':'" + name + "'}"), 201);
        assertEquals("name_taken", post("/api/output-types", json("{'name':'" + name + "'}"), 409).get("code").asText());
    }
}
