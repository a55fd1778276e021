package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy pipeline end to end: one legacy_render job, rendered by the worker, published by dispatch. */
class LegacyRenderTest {

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void legacyStillCompletesTheOrderLineWithOneAssetAndOneNotification() {
        String outputType = s.outputType(null, "still_image", Tiny.still());
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, Scenario.unique("legacy"), "Steel", outputType);

        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("legacy", dispatched.path("backend").asText(), dispatched.toString());
        assertEquals("legacy_only", dispatched.path("rollout_gate_status").asText());
        assertEquals(1, dispatched.path("task_ids").size(), "one legacy_render job");
        String jobId = dispatched.path("task_ids").get(0).asText();
        s.assertWorkerReports(jobId, "completed");

        JsonNode finished = s.awaitLineFinished(line.id());
        assertEquals("completed", finished.path("render_status").asText(), finished.toString());
        String resultPath = finished.path("result_path").asText("");
        assertFalse(resultPath.isBlank(), "result_path is set: " + finished);
        s.settle();

        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(1, assets.size(), "exactly one media asset: " + assets);
        JsonNode asset = assets.get(0);
        assertEquals("still", asset.path("asset_type").asText(), asset.toString());
        assertEquals("image/png", asset.path("media_type").asText(), asset.toString());
        assertEquals(jobId, asset.path("job_id").asText(), "published from the legacy job");
        assertEquals(line.id(), asset.path("order_line_id").asText());
        assertTrue(resultPath.endsWith(asset.path("path").asText()),
                "result_path " + resultPath + " is the asset's file " + asset.path("path").asText());
        Assets.assertContentMatches(s, asset);

        List<JsonNode> notifications = s.notifications(line.id());
        assertEquals(1, notifications.size(), "exactly one notification: " + notifications);
        assertEquals("render_completed", notifications.get(0).path("kind").asText(), notifications.toString());
        assertEquals(line.orderId(), notifications.get(0).path("order_id").asText());
    }
}
