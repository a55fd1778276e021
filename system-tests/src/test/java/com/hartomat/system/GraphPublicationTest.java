package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Graph-authoritative order lines: the registry's blueprints in graph mode, the worker renders, and the graph's own
 * output_save publishes exactly once (no self-published duplicate from the render job).
 */
class GraphPublicationTest {

    @RegisterExtension
    final Scenario s = new Scenario();

    /** A graph-mode workflow from a blueprint, its output type, a template and material, and an order line on it. */
    private record Setup(String workflowId, Scenario.Line line) {
    }

    private Setup provision(ObjectNode config, String artifactKind, Map<String, Object> renderSettings) {
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("graph");
        s.template(category, null, null);
        String workflow = s.workflow("System graph", config);
        String outputType = s.outputType(workflow, artifactKind, renderSettings);
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);
        s.awaitTemplateKnown(workflow, line.id());
        return new Setup(workflow, line);
    }

    private JsonNode dispatchGraph(Scenario.Line line) {
        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("workflow_graph", dispatched.path("backend").asText(), dispatched.toString());
        assertEquals("graph_authoritative", dispatched.path("rollout_gate_status").asText(), dispatched.toString());
        dispatched.path("task_ids").forEach(job -> s.assertWorkerReports(job.asText(), "completed"));
        return dispatched;
    }

    private static void assertAllNodesCompleted(JsonNode run) {
        assertAllNodesCompleted(run, Set.of());
    }

    /** Every node completed; those named in {@code mayBeSkipped} may also be skipped. */
    private static void assertAllNodesCompleted(JsonNode run, Set<String> mayBeSkipped) {
        Scenario.assertNodeResults(run);
        List<String> notCompleted = new ArrayList<>();
        run.path("node_results").forEach(n -> {
            String status = n.path("status").asText();
            boolean skippedAsAllowed = "skipped".equals(status) && mayBeSkipped.contains(n.path("node_name").asText());
            if (!"completed".equals(status) && !skippedAsAllowed) {
                notCompleted.add(n.path("node_name").asText() + "=" + n.path("status").asText());
            }
        });
        assertTrue(notCompleted.isEmpty(), "every node completed, but " + notCompleted);
    }

    /** The output_save node's handoff finished and names the asset(s) it published. */
    private static JsonNode assertHandoffCompleted(JsonNode run, String node) {
        JsonNode output = Scenario.node(run, node).path("output");
        assertFalse(output.path("publication_mode").asText("").isBlank(), "output_save has a publication_mode: " + output);
        assertEquals("completed", output.path("handoff_state").asText(), "output_save handoff_state: " + output);
        assertTrue(output.path("media_asset_ids").isArray() && output.path("media_asset_ids").size() > 0,
                "output_save names its media assets: " + output);
        return output;
    }

    private void assertLineAndOrderCompleted(Scenario.Line line, JsonNode published) {
        JsonNode finished = s.orderLineState(line.id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        assertTrue(finished.path("result_path").asText("").endsWith(published.path("path").asText()),
                "result_path " + finished.path("result_path") + " is the published file " + published.path("path"));
        JsonNode order = s.order(line.orderId());
        assertEquals("completed", order.path("status").asText(), "the order's only line is done: " + order);
        assertFalse(order.path("completed_at").isNull() || order.path("completed_at").isMissingNode(),
                "completed_at is stamped: " + order);
    }

    private void assertOneCompletedNotification(Scenario.Line line, String runId) {
        List<JsonNode> notifications = s.notifications(line.id());
        assertEquals(1, notifications.size(), "exactly one notification: " + notifications);
        assertEquals("render_completed", notifications.get(0).path("kind").asText(), notifications.toString());
        assertEquals(runId, notifications.get(0).path("run_id").asText(), notifications.toString());
    }

    @Test
    void graphStillWithOutputSavePublishesExactlyOnce() {
        Setup setup = provision(Tiny.graph(s.blueprint("still"), "graph"), "still_image", Tiny.still());
        String runId = dispatchGraph(setup.line()).path("workflow_run_id").asText();

        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());
        assertAllNodesCompleted(run);
        JsonNode handoff = assertHandoffCompleted(run, "output");
        s.settle();

        List<JsonNode> assets = s.mediaAssets(setup.line().id());
        assertEquals(1, assets.size(), "exactly one media asset: " + assets);
        JsonNode asset = assets.get(0);
        assertEquals("still", asset.path("asset_type").asText(), asset.toString());
        assertEquals("image/png", asset.path("media_type").asText(), asset.toString());
        assertEquals(runId, asset.path("run_id").asText(), asset.toString());
        assertEquals(asset.path("id").asText(), handoff.path("media_asset_ids").get(0).asText(),
                "output_save names the asset it published");
        Assets.assertContentMatches(s, asset);
        assertLineAndOrderCompleted(setup.line(), asset);
        assertOneCompletedNotification(setup.line(), runId);
    }

    @Test
    void graphTurntableWithOutputSavePublishesTheVideo() {
        Setup setup = provision(Tiny.graph(s.blueprint("turntable"), "graph"), "turntable_video", Tiny.turntable());
        String runId = dispatchGraph(setup.line()).path("workflow_run_id").asText();

        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());
        // the blueprint's glb_bbox measures an exported GLB; a product whose CAD file had no intake has none
        assertAllNodesCompleted(run, Set.of("bbox"));
        assertHandoffCompleted(run, "output");
        s.settle();

        List<JsonNode> assets = s.mediaAssets(setup.line().id());
        List<JsonNode> videos = assets.stream().filter(a -> "video/mp4".equals(a.path("media_type").asText())).toList();
        assertEquals(1, videos.size(), "exactly one video asset: " + assets);
        JsonNode video = videos.get(0);
        assertEquals("turntable", video.path("asset_type").asText(), video.toString());
        assertEquals("video", video.path("role").asText(), video.toString());
        assertEquals(4, video.path("frame_count").asInt(), video.toString());
        assets.stream().filter(a -> a != video).forEach(other -> assertEquals("frame", other.path("role").asText(),
                "besides the video only frames, under their own role: " + other));
        long frames = 0;
        for (JsonNode artifact : Scenario.node(run, "turntable").path("artifacts")) {
            frames += "frame".equals(artifact.path("role").asText()) ? 1 : 0;
        }
        assertEquals(4, frames, "the turntable node keeps its frames as role 'frame': "
                + Scenario.node(run, "turntable").path("artifacts"));
        Assets.assertContentMatches(s, video);
        assertLineAndOrderCompleted(setup.line(), video);
        assertOneCompletedNotification(setup.line(), runId);
    }

    @Test
    void graphBlendExportWithOutputSavePublishesBlendProduction() {
        // the still_with_exports blueprint, with output_save downstream of the export too: a graph with only the
        // export upstream of output_save is refused (output_save_without_publishable_artifact)
        ObjectNode config = Tiny.graph(s.blueprint("still_with_exports"), "graph");
        Tiny.addEdge(config, "blend", "output");
        Map<String, Object> settings = Tiny.still();
        settings.put("compress", false);
        Setup setup = provision(config, "blend_asset", settings);
        String runId = dispatchGraph(setup.line()).path("workflow_run_id").asText();

        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());
        assertAllNodesCompleted(run);
        assertHandoffCompleted(run, "output");
        s.settle();

        List<JsonNode> assets = s.mediaAssets(setup.line().id());
        List<JsonNode> blends = Assets.ofType(assets, "blend_production");
        assertEquals(1, blends.size(), "exactly one blend_production asset: " + assets);
        JsonNode blend = blends.get(0);
        assertEquals("application/x-blender", blend.path("media_type").asText(), blend.toString());
        assertTrue(blend.path("path").asText().endsWith(".blend"), blend.toString());
        assertEquals(runId, blend.path("run_id").asText(), blend.toString());
        Assets.assertContentMatches(s, blend);
        assertEquals(1, Assets.ofType(assets, "still").size(), "the still is published once too: " + assets);
        assertEquals(assets.size(), assets.stream().map(a -> a.path("path").asText()).distinct().count(),
                "no file is published twice: " + assets);

        JsonNode finished = s.orderLineState(setup.line().id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        String resultPath = finished.path("result_path").asText("");
        assertFalse(resultPath.endsWith(".blend"), "the .blend does not overwrite the line's result_path: " + resultPath);
        assertNotEquals(blend.path("path").asText(), resultPath);
        assertTrue(resultPath.endsWith(Assets.ofType(assets, "still").get(0).path("path").asText()),
                "result_path is the still: " + resultPath);
    }
}
