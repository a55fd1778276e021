package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graph render that genuinely fails inside Blender falls back to legacy. The failure comes from the graph's render
 * template: the category's template names a file that exists in artifact storage but is no .blend, so Blender's
 * {@code open_mainfile} raises in the worker's scene script. Only graph jobs carry the template (resolve_template is a
 * graph node); the legacy job renders the same product without it, so the fallback succeeds.
 */
class FallbackTest {

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void graphRenderThatFailsInBlenderFallsBackToLegacy() throws IOException {
        Scenario.GraphDispatch failing = s.dispatchFailingStill("broken-template");
        Scenario.Line line = failing.line();
        JsonNode dispatched = failing.dispatched();
        String runId = failing.runId();
        String graphJob = dispatched.path("task_ids").get(0).asText();
        JsonNode graphOutcome = s.assertWorkerReports(graphJob, "failed");
        assertEquals("import_failed", graphOutcome.path("failure").path("code").asText(),
                "Blender could not open the template: " + graphOutcome.path("failure"));

        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("failed", run.path("status").asText(), run.toString());
        assertEquals("workflow_graph", run.path("fallback_from").asText(), run.toString());
        String fallbackJob = run.path("fallback_job_id").asText("");
        assertFalse(fallbackJob.isBlank(), "the run names its legacy fallback job: " + run);
        JsonNode render = Scenario.node(Scenario.assertNodeResults(run), "render");
        assertEquals("failed", render.path("status").asText(), render.toString());
        assertEquals("import_failed", render.path("error_code").asText(), render.toString());

        JsonNode finished = s.awaitLineFinished(line.id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        s.settle();
        JsonNode legacy = s.tap.job(fallbackJob).orElseThrow(() -> new AssertionError("fallback job not on the wire"));
        assertEquals("legacy_render", legacy.path("job_type").asText(), legacy.toString());
        assertTrue(legacy.path("inputs").path("template").isMissingNode(), "legacy renders without the graph's template");

        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(1, assets.size(), "exactly one media asset, legacy's: " + assets);
        JsonNode asset = assets.get(0);
        assertEquals(fallbackJob, asset.path("job_id").asText(), asset.toString());
        assertEquals("still", asset.path("asset_type").asText(), asset.toString());
        assertTrue(finished.path("result_path").asText("").endsWith(asset.path("path").asText()),
                "the line's result is legacy's: " + finished.path("result_path"));
        Assets.assertContentMatches(s, asset);
        List<JsonNode> notifications = s.notifications(line.id());
        assertEquals(1, notifications.size(), "one notification, legacy's completion: " + notifications);
        assertEquals("render_completed", notifications.get(0).path("kind").asText(), notifications.toString());
    }
}
