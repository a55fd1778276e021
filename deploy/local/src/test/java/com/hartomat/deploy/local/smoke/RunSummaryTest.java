package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void nodesShowStatusAndDurationAndTheErrorOfAFailedNode() throws Exception {
        JsonNode run = json("""
                {"node_results": [
                  {"node_name": "setup", "step": "order_line_setup", "status": "completed", "duration_ms": null},
                  {"node_name": "render", "step": "blender_still", "status": "completed", "duration_ms": 12345},
                  {"node_name": "blend", "step": "export_blend", "status": "failed",
                   "started_at": "2026-12-02T00:00:00Z", "finished_at": "2026-12-02T00:00:02.5Z",
                   "error_code": "blender_failed", "error_message": "Blender exited\\nwith 1"}]}
                """);
        assertEquals(List.of(
                "  node                 step                     status      duration",
                "  setup                order_line_setup         completed          -",
                "  render               blender_still            completed     12.3 s",
                "  blend                export_blend             failed         2.5 s",
                "    error: blender_failed: Blender exited with 1"), RunSummary.nodes(run));
        assertEquals("blend (export_blend): blender_failed: Blender exited with 1", RunSummary.brokenNode(run));
        assertNull(RunSummary.brokenNode(json("{\"node_results\": []}")));
    }

    @Test
    void anAssetShowsPathTypeSizeAndSha256() throws Exception {
        assertEquals("  media asset renders/l1/line_l1.png  still  image/png  2048 bytes  64x64  sha256 abc123",
                RunSummary.asset(json("""
                        {"path": "renders/l1/line_l1.png", "asset_type": "still", "role": "still",
                         "media_type": "image/png", "size_bytes": 2048, "width": 64, "height": 64, "sha256": "abc123"}
                        """)));
        assertEquals("  media asset renders/l1/line_l1.mp4  turntable/video  video/mp4  9 bytes  sha256 ff",
                RunSummary.asset(json("""
                        {"path": "renders/l1/line_l1.mp4", "asset_type": "turntable", "role": "video",
                         "media_type": "video/mp4", "size_bytes": 9, "sha256": "ff"}
                        """)));
    }

    @Test
    void aVerdictShowsWhatWasMeasuredAndEveryReason() throws Exception {
        Verdict v = new Verdict("warn", "hold_legacy_authoritative", 0.0123456, RunSummary.texts(json(
                "[\"mean pixel delta above the pass threshold\", {\"message\": \"3 of 4 frames differ\"}]")),
                "mismatched", false, "observer differs from legacy");
        assertEquals(List.of(
                "verdict: warn (hold_legacy_authoritative) — comparison mismatched, exact match no, mean pixel delta 0.012346",
                "  summary: observer differs from legacy",
                "  reason: mean pixel delta above the pass threshold",
                "  reason: 3 of 4 frames differ"), RunSummary.verdict(v));
        assertEquals(List.of("verdict: pass"), RunSummary.verdict(new Verdict("pass", null, null, null, null, null, null)));
    }
}
