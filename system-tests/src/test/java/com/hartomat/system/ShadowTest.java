package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
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
        Scenario.ShadowStill shadow = s.shadowStill("System shadow", "system test: observe the graph beside legacy");
        String workflow = shadow.workflowId();
        String outputType = shadow.outputTypeId();
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
        JsonNode run = Scenario.assertNodeResults(s.awaitRunFinished(observerRun));
        assertEquals("completed", run.path("status").asText(), run.toString());
        s.settle();
        assertLegacyNotifiedOnce(line.id());

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

        // same scene, materials (legacy resolves them from the library too), seed and samples: the same pixels
        JsonNode comparison = s.awaitComparison(observerRun, outputType);
        assertEquals("matched", comparison.path("status").asText(), comparison.toString());
        assertEquals(0.0, comparison.path("mean_pixel_delta").asDouble(1), comparison.toString()); // fixed seed: identical pixels
        assertEquals("pass", comparison.path("verdict").path("verdict").asText(), comparison.toString());
        assertEquals("ready_for_rollout", comparison.path("verdict").path("status").asText(), comparison.toString());
        assertTrue(comparison.path("authoritative_output").path("exists").asBoolean(), comparison.toString());
        assertTrue(comparison.path("observer_output").path("path").asText().contains(suffix), comparison.toString());
        JsonNode readiness = s.dispatch.get("/api/rollout/output-types/" + outputType + "/readiness").expect(200);
        assertEquals("pass", readiness.path("latest_verdicts").get(0).path("verdict").asText(), readiness.toString());
        assertEquals(1, readiness.path("consecutive_passes").asInt(), readiness.toString());
    }

    @Test
    void withoutARenderTemplateTheObserverRendersThePartMaterialsAsLegacyDoes() {
        // no template for the category: both sides use the default scene, and both apply the product's materials
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("untemplated");
        String outputType = s.shadowStill("System shadow without template",
                "system test: a category without a render template").outputTypeId();
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);

        JsonNode dispatched = s.dispatchLine(line.id());
        String observerRun = dispatched.path("shadow_workflow_run_id").asText();
        JsonNode run = Scenario.assertNodeResults(s.awaitRunFinished(observerRun));
        assertEquals(false, Scenario.node(run, "template").path("output").path("template_found").asBoolean(true),
                run.toString());
        JsonNode comparison = s.awaitComparison(observerRun, outputType);
        assertEquals(0.0, comparison.path("mean_pixel_delta").asDouble(1), comparison.toString());
        assertEquals("pass", comparison.path("verdict").path("verdict").asText(), comparison.toString());
    }

    @Test
    void anObserverThatRendersOtherColoursIsJudgedAndLegacyStaysAuthoritative() {
        // legacy resolves the product's material through its alias, this graph's resolver ignores aliases
        Scenario.DifferingShadow pair = s.differingShadowLine("System", "system test: an observer that differs");
        String outputType = pair.outputTypeId();
        Scenario.Line line = pair.line();

        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("shadow", dispatched.path("execution_mode").asText(), dispatched.toString());
        String observerRun = dispatched.path("shadow_workflow_run_id").asText();
        JsonNode finished = s.awaitLineFinished(line.id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        assertEquals("completed", Scenario.assertNodeResults(s.awaitRunFinished(observerRun)).path("status").asText());

        JsonNode comparison = s.awaitComparison(observerRun, outputType);
        assertEquals("mismatched", comparison.path("status").asText(), comparison.toString());
        assertTrue(comparison.path("mean_pixel_delta").asDouble() > 0, comparison.toString());
        String verdict = comparison.path("verdict").path("verdict").asText();
        assertTrue(verdict.equals("warn") || verdict.equals("fail"), comparison.toString());
        assertEquals("hold_legacy_authoritative", comparison.path("verdict").path("status").asText(), comparison.toString());
        String diff = comparison.path("diff_image_path").asText("");
        assertFalse(diff.isEmpty(), "a diff image for the mismatch: " + comparison);
        assertTrue(Files.isRegularFile(s.storage(diff)), "the diff image is in storage: " + diff);

        s.settle();
        assertLegacyNotifiedOnce(line.id());
        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(1, assets.size(), "legacy's asset only: " + assets);
        assertFalse(assets.get(0).path("path").asText().contains("_shadow-"), assets.toString());
        JsonNode readiness = s.dispatch.get("/api/rollout/output-types/" + outputType + "/readiness").expect(200);
        assertEquals(verdict, readiness.path("latest_verdicts").get(0).path("verdict").asText(), readiness.toString());
        assertTrue(Set.of("keep_shadow", "keep_legacy").contains(readiness.path("recommendation").asText()),
                readiness.toString());
    }

    /** The observer never notifies: one notification, legacy's completion (no run of its own). */
    private void assertLegacyNotifiedOnce(String lineId) {
        List<JsonNode> notifications = s.notifications(lineId);
        assertEquals(1, notifications.size(), "one notification, legacy's: " + notifications);
        assertEquals("render_completed", notifications.get(0).path("kind").asText(), notifications.toString());
    }
}
