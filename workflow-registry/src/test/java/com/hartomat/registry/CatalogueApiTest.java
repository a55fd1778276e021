package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static com.hartomat.registry.Bodies.put;
import static com.hartomat.registry.Bodies.unique;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.RegistryChange;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueApiTest {

    @Test
    void renderTemplateCrudWithDefaultsAndChangeEvents() {
        String key = unique("bearings");
        JsonNode created = post("/api/render-templates", json("{'category_key':'" + key + "','template_path':'templates/bearings.blend'}"), 201);
        assertEquals(key, created.get("name").asText(), "name defaults to the category key");
        assertTrue(created.get("use_materials").asBoolean());
        assertEquals("auto_fit", created.get("camera_preset").asText());
        assertEquals("studio_soft", created.get("lighting_preset").asText());
        String id = created.get("id").asText();
        JsonNode updated = put("/api/render-templates/" + id, json("{'use_materials':false,'template_path':null,"
                + "'lighting_preset':'hdri_neutral'}"), 200);
        assertTrue(updated.get("template_path").isNull());
        assertEquals(updated, get("/api/render-templates/" + id, 200));
        JsonNode byCategory = get("/api/render-templates?category_key=" + key, 200);
        assertEquals(1, byCategory.size());
        assertEquals(key + "", byCategory.get(0).get("category_key").asText());
        assertEquals("category_key_taken", post("/api/render-templates", json("{'category_key':'" + key + "'}"), 409)
                .get("code").asText());
        given().when().delete("/api/render-templates/" + id).then().statusCode(204);

        List<RegistryChange> events = ChangeEvents.forKey(id, 3);
        assertEquals(List.of("upsert", "upsert", "delete"), events.stream().map(RegistryChange::change).toList());
        assertEquals(RegistryChange.RENDER_TEMPLATE, events.get(0).entityType());
        assertEquals(created, Bodies.MAPPER.valueToTree(events.get(0).state()));
        assertEquals(updated, Bodies.MAPPER.valueToTree(events.get(1).state()));
    }

    @Test
    void templatePathMustBeARelativeBlendFile() {
        JsonNode refused = post("/api/render-templates", json("{'category_key':'" + unique("x") + "','template_path':'../../etc/passwd'}"), 400);
        assertEquals("invalid_value", refused.get("code").asText());
        assertEquals("/template_path", refused.get("path").asText());
    }

    @Test
    void materialCrudMergesDefinitionDefaultsAndPublishesChanges() {
        String name = unique("Steel");
        JsonNode created = post("/api/materials", json("{'name':'" + name + "','aliases':['St37','steel_brushed'],"
                + "'definition':{'base_color':'#8a8d91','metallic':1.0,'roughness':0.35}}"), 201);
        assertEquals(json("['St37','steel_brushed']"), created.get("aliases"));
        assertEquals(1.45, created.at("/definition/ior").asDouble(), "schema defaults fill the definition");
        assertEquals("#8a8d91", created.at("/definition/base_color").asText());
        String id = created.get("id").asText();
        JsonNode updated = put("/api/materials/" + id, json("{'aliases':['St37']}"), 200);
        assertEquals(json("['St37']"), updated.get("aliases"));
        assertEquals(created.get("definition"), updated.get("definition"));

        JsonNode invalid = post("/api/materials", json("{'name':'" + unique("Glass") + "','definition':{'roughness':3,'sparkle':1}}"), 422);
        assertEquals("invalid_material_definition", invalid.get("code").asText());
        assertEquals(2, invalid.get("errors").size());
        given().when().delete("/api/materials/" + id).then().statusCode(204);

        List<RegistryChange> events = ChangeEvents.forKey(id, 3);
        assertEquals(RegistryChange.MATERIAL, events.get(0).entityType());
        assertEquals(created, Bodies.MAPPER.valueToTree(events.get(0).state()));
        assertEquals(List.of("upsert", "upsert", "delete"), events.stream().map(RegistryChange::change).toList());
    }
}
