package com.hartomat.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeCatalogTest {

    static final List<String> REQUIRED_STEPS = List.of("resolve_step_path", "occ_object_extract", "occ_glb_export", "glb_bbox",
            "material_map_resolve", "auto_populate_materials", "blender_render", "threejs_render", "thumbnail_save",
            "order_line_setup", "resolve_template", "blender_still", "blender_turntable", "output_save", "export_blend",
            "stl_cache_generate", "notify");

    static List<NodeDefinition> definitions() {
        return NodeCatalog.standard().all();
    }

    @Test
    void catalogueHoldsExactlyTheSeventeenBacklogSteps() {
        assertEquals(Set.copyOf(REQUIRED_STEPS), Set.copyOf(definitions().stream().map(NodeDefinition::step).toList()));
        assertEquals(17, definitions().size());
        REQUIRED_STEPS.forEach(step -> assertTrue(NodeCatalog.standard().find(step).isPresent(), step));
        assertTrue(NodeCatalog.standard().find("no_such_step").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void defaultsComeFromTheSchemaAndAreValidAgainstIt(NodeDefinition d) {
        JsonNode schema = d.settingsSchema();
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
        Schema everit = SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(schema.toString())).build().load().build();
        everit.validate(new JSONObject(JsonValues.toJson(d.defaults()).toString()));
        schema.get("properties").fields().forEachRemaining(p -> {
            if (p.getValue().has("default")) {
                assertEquals(JsonValues.toJava(p.getValue().get("default")), d.defaults().get(p.getKey()), p.getKey());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void everyNodeHasAMachineUsableContract(NodeDefinition d) {
        assertFalse(d.label().isBlank());
        assertFalse(d.description().isBlank());
        assertFalse(d.moduleKey().isBlank());
        assertFalse(d.legacySource().isBlank());
        assertFalse(d.outputContract().isEmpty(), "every step produces something");
        assertFalse(d.inputContract().isEmpty(), "every step reads something");
        assertTrue(d.families().contains(d.family()));
        switch (d.executor()) {
            case ASYNC -> {
                assertNotNull(d.jobType());
                assertNotNull(d.taskName());
                assertNull(d.disabledReason());
            }
            case SYNC -> {
                assertNull(d.jobType());
                assertNull(d.disabledReason());
            }
            case DISABLED -> assertFalse(d.disabledReason().isBlank());
        }
        Set<String> grouped = new HashSet<>();
        d.fieldGroups().forEach(g -> grouped.addAll(g.fields()));
        Set<String> properties = new HashSet<>();
        d.settingsSchema().get("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(properties, grouped, "field groups cover every setting exactly");
        JsonNode json = d.toJson();
        for (String field : List.of("step", "label", "description", "family", "module_key", "executor", "input_contract",
                "output_contract", "artifact_roles_consumed", "artifact_roles_produced", "legacy_source", "settings_schema",
                "defaults", "field_groups")) {
            assertTrue(json.has(field), field);
        }
    }

    @Test
    void executorsMatchWhereEachStepRuns() {
        Set<String> sync = Set.of("order_line_setup", "resolve_template", "auto_populate_materials", "material_map_resolve",
                "glb_bbox", "output_save", "notify", "resolve_step_path");
        for (NodeDefinition d : definitions()) {
            Executor expected = d.step().equals("threejs_render") ? Executor.DISABLED
                    : sync.contains(d.step()) ? Executor.SYNC : Executor.ASYNC;
            assertEquals(expected, d.executor(), d.step());
        }
        NodeCatalog c = NodeCatalog.standard();
        assertEquals("still", c.find("blender_still").orElseThrow().jobType());
        assertEquals("turntable", c.find("blender_turntable").orElseThrow().jobType());
        assertEquals("export_blend", c.find("export_blend").orElseThrow().jobType());
        assertEquals("app.domains.rendering.tasks.render_order_line_still_task", c.find("blender_still").orElseThrow().taskName());
        assertEquals("app.domains.rendering.tasks.render_turntable_task", c.find("blender_turntable").orElseThrow().taskName());
        assertEquals("app.domains.rendering.tasks.export_blend_for_order_line_task", c.find("export_blend").orElseThrow().taskName());
        assertEquals("multi_angle", c.find("blender_still").orElseThrow().jobType(java.util.Map.of("angles", List.of(0, 90))));
    }

    @Test
    void artifactKindsAndPublishabilityFollowTheReference() {
        NodeCatalog c = NodeCatalog.standard();
        assertEquals("still_image", c.find("blender_still").orElseThrow().artifactKind());
        assertTrue(c.find("blender_still").orElseThrow().publishable());
        assertEquals("turntable_video", c.find("blender_turntable").orElseThrow().artifactKind());
        assertTrue(c.find("blender_turntable").orElseThrow().publishable());
        assertEquals("blend_asset", c.find("export_blend").orElseThrow().artifactKind());
        assertFalse(c.find("export_blend").orElseThrow().publishable(), "output_save refuses an export_blend-only graph");
        assertEquals("cad_thumbnail", c.find("thumbnail_save").orElseThrow().artifactKind());
        assertEquals("multi_angle_stills",
                c.find("blender_still").orElseThrow().artifactKind(java.util.Map.of("angles", List.of(0.0, 90.0))));
    }

    @Test
    void renderOperatorSettingsArePresent() {
        NodeCatalog c = NodeCatalog.standard();
        assertTrue(c.find("blender_still").orElseThrow().defaults().keySet().containsAll(
                Set.of("width", "height", "samples", "engine", "seed", "transparent_background", "camera_framing",
                        "focal_length_mm")));
        JsonNode engines = c.find("blender_still").orElseThrow().settingsSchema().at("/properties/engine/enum");
        assertEquals("[\"cycles\",\"eevee\",\"workbench\"]", engines.toString());
        assertTrue(c.find("blender_turntable").orElseThrow().settingsSchema().get("properties").has("frame_count"));
        assertTrue(c.find("blender_turntable").orElseThrow().defaults().keySet().containsAll(
                Set.of("fps", "duration_s", "width", "height", "rotation_axis")));
        assertTrue(c.find("export_blend").orElseThrow().defaults().keySet().containsAll(Set.of("compress", "pack_textures")));
        assertTrue(c.find("occ_glb_export").orElseThrow().defaults().keySet().containsAll(
                Set.of("linear_deflection_mm", "angular_deflection_rad", "units")));
        assertTrue(c.find("stl_cache_generate").orElseThrow().defaults().keySet().containsAll(
                Set.of("linear_deflection_mm", "angular_deflection_rad", "units")));
    }

    @Test
    void familyFilterListsEveryStepAllowedInThatFamily() {
        List<String> cad = NodeCatalog.standard().forFamily(Family.CAD_FILE).stream().map(NodeDefinition::step).toList();
        List<String> orderLine = NodeCatalog.standard().forFamily(Family.ORDER_LINE).stream().map(NodeDefinition::step).toList();
        assertTrue(cad.containsAll(List.of("resolve_step_path", "occ_object_extract", "occ_glb_export", "glb_bbox",
                "thumbnail_save", "stl_cache_generate", "blender_render", "threejs_render")));
        assertFalse(cad.contains("blender_still"));
        assertTrue(orderLine.containsAll(List.of("order_line_setup", "resolve_template", "blender_still", "glb_bbox", "notify")));
        assertFalse(orderLine.contains("occ_glb_export"));
    }

    @Test
    void callersCannotChangeTheCatalogueThroughTheSchema() {
        NodeDefinition d = NodeCatalog.standard().find("blender_still").orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.settingsSchema()).put("title", "changed");
        assertEquals("Blender still", d.settingsSchema().get("title").asText());
    }
}
