package com.hartomat.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowConfigsTest {

    static List<String> ids(JsonNode config, String member, String field) {
        List<String> out = new ArrayList<>();
        config.get(member).forEach(n -> out.add(field.isEmpty() ? n.get("from").asText() + "->" + n.get("to").asText()
                : n.get(field).asText()));
        return out;
    }

    @Test
    void stillPresetHasTheReferenceNodesAndCarriesParamsOnTheRender() {
        JsonNode still = WorkflowConfigs.preset("still", Map.of("width", 1024, "height", 1024));
        assertEquals(List.of("setup", "template", "render", "output"), ids(still, "nodes", "id"));
        assertEquals(List.of("order_line_setup", "resolve_template", "blender_still", "output_save"), ids(still, "nodes", "step"));
        assertEquals(List.of("setup->template", "template->render", "render->output"), ids(still, "edges", ""));
        assertEquals(1024, still.at("/nodes/2/params/width").asInt());
        assertEquals("legacy", still.at("/ui/execution_mode").asText());
        assertEquals("still", still.at("/ui/preset").asText());
    }

    @Test
    void stillWithExportsAddsABlendBranchAndOutputStaysOnTheRender() {
        JsonNode c = WorkflowConfigs.preset("still_with_exports", Map.of("width", 640, "height", 640));
        assertEquals(List.of("setup", "template", "render", "blend", "output"), ids(c, "nodes", "id"));
        assertEquals(List.of("setup->template", "template->render", "template->blend", "render->output"), ids(c, "edges", ""));
    }

    @Test
    void turntablePresetRendersWithBlenderTurntable() {
        JsonNode c = WorkflowConfigs.preset("turntable", Map.of("fps", 24));
        assertEquals("blender_turntable", c.at("/nodes/2/step").asText());
        assertEquals(24, c.at("/nodes/2/params/fps").asInt());
    }

    @Test
    void blueprintsMatchTheReferenceBuilders() {
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials", "render", "output", "notify"),
                ids(WorkflowConfigs.blueprint("still"), "nodes", "id"));
        assertEquals(List.of("setup->template", "setup->populate_materials", "template->resolve_materials",
                "populate_materials->resolve_materials", "template->render", "resolve_materials->render", "render->output",
                "render->notify"), ids(WorkflowConfigs.blueprint("still"), "edges", ""));
        assertEquals(List.of("setup", "template", "populate_materials", "bbox", "resolve_materials", "turntable", "output", "notify"),
                ids(WorkflowConfigs.blueprint("turntable"), "nodes", "id"));
        assertEquals(List.of("setup", "template", "blend"), ids(WorkflowConfigs.blueprint("blend_export"), "nodes", "id"));
        assertEquals(List.of("resolve_step_path", "occ_object_extract", "occ_glb_export", "glb_bbox", "thumbnail_save"),
                ids(WorkflowConfigs.blueprint("cad_intake"), "nodes", "step"));
    }

    @Test
    void unknownNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkflowConfigs.preset("panorama", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> WorkflowConfigs.blueprint("panorama"));
    }
}
