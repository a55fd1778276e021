package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SmokeKindTest {

    private static final String BLUEPRINT = """
            {"version": 1, "ui": {"preset": "custom", "execution_mode": "legacy"},
             "nodes": [{"id": "render", "step": "blender_still"}, {"id": "blend", "step": "export_blend"},
                       {"id": "output", "step": "output_save"}],
             "edges": [{"from": "render", "to": "output"}]}
            """;

    @Test
    void theWorkflowRunsTheGraphAndABlendSmokePublishesTheExportOnce() throws Exception {
        JsonNode blueprint = new ObjectMapper().readTree(BLUEPRINT);
        ObjectNode still = SmokeKind.STILL.workflowConfig(blueprint);
        assertEquals("graph", still.path("ui").path("execution_mode").asText());
        assertEquals(1, still.path("edges").size());
        assertEquals("legacy", blueprint.path("ui").path("execution_mode").asText(), "the blueprint is not changed");

        ObjectNode blend = SmokeKind.BLEND.workflowConfig(blueprint);
        assertEquals(2, blend.path("edges").size());
        assertEquals("{\"from\":\"blend\",\"to\":\"output\"}", blend.path("edges").get(1).toString());
        assertEquals(2, SmokeKind.BLEND.workflowConfig(blend).path("edges").size(), "the edge is added once");
    }

    @Test
    void renderSettingsAreTheSmokeSizeWithAFixedSeedAndAgreeingTurntableFrames() {
        RenderSize size = new RenderSize(64, 48, 4);
        assertEquals("{width=64, height=48, samples=4, seed=1}", SmokeKind.STILL.renderSettings(size).toString());
        assertEquals("{width=64, height=48, samples=4, seed=1, fps=4, duration_s=1.0, frame_count=4}",
                SmokeKind.TURNTABLE.renderSettings(size).toString());
        assertEquals(false, SmokeKind.BLEND.renderSettings(size).get("compress"));
        assertEquals("blend_asset", SmokeKind.BLEND.artifactKind());
        assertEquals("still_with_exports", SmokeKind.BLEND.blueprint());
    }
}
