package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollout shadow: legacy stays authoritative, the graph observes silently under a suffixed output name. */
class ShadowTest {

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void shadowDispatchLeavesOnlyLegacysAsset() {
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("shadow");
        s.template(category, null, null);
        String workflow = s.workflow("System shadow", Tiny.graph(s.blueprint("still"), "graph"));
        String outputType = s.outputType(workflow, "still_image", Tiny.still());
        s.dispatch.put("/api/rollout/output-types/" + outputType,
                Map.of("mode", "shadow", "reason", "system test: observe the graph beside legacy")).expect(200);
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);
        s.awaitTemplateKnown(workflow, line.id());

        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("legacy", dispatched.path("backend").asText(), dispatched.toString());
        assertEquals("shadow", dispatched.path("execution_mode").asText(), dispatched.toString());
        assertEquals("dispatched", dispatched.path("shadow_status").asText(), dispatched.toString());
        String legacyJob = dispatched.path("task_ids").get(0).asText();
        String observerRun = dispatched.path("shadow_workflow_run_id").asText();
        s.assertWorkerReports(legacyJob, "completed");
        dispatched.path("shadow_task_ids").forEach(job -> s.assertWorkerReports(job.asText(), "completed"));

        JsonNode finished = s.awaitLineFinished(line.id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        JsonNode run = s.awaitRunFinished(observerRun);
        assertEquals("completed", run.path("status").asText(), run.toString());
        s.settle();

        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(1, assets.size(), "exactly one media asset, legacy's: " + assets);
        JsonNode asset = assets.get(0);
        assertEquals(legacyJob, asset.path("job_id").asText(), asset.toString());
        assertFalse(asset.path("path").asText().contains("_shadow-"), asset.toString());
        assertTrue(s.orderLineState(line.id()).path("result_path").asText("").endsWith(asset.path("path").asText()),
                "the line points at legacy's output");
        Assets.assertContentMatches(s, asset);

        String suffix = "_shadow-" + observerRun.substring(0, 8);
        JsonNode render = Scenario.node(run, "render");
        boolean suffixed = false;
        for (JsonNode artifact : render.path("artifacts")) {
            suffixed |= artifact.path("path").asText().contains(suffix);
        }
        assertTrue(suffixed, "the observer's render artifact carries " + suffix + ": " + render.path("artifacts"));
    }
}
