package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublicationsTest {

    static Map<String, Object> artifact(String role, String path) {
        return Map.of("role", role, "path", path, "media_type", "x", "sha256", "0".repeat(64), "size_bytes", 10);
    }

    @Test
    void eachRoleMapsToItsAssetTypeAndFramesAndPartTreesAreNotPublished() {
        assertEquals(Optional.of("still"), Publications.assetType("still", null));
        assertEquals(Optional.of("turntable"), Publications.assetType("video", "auto"));
        assertEquals(Optional.of("multi_angle"), Publications.assetType("angle:front", null));
        assertEquals(Optional.of("blend_production"), Publications.assetType("blend", null));
        assertEquals(Optional.of("thumbnail"), Publications.assetType("thumbnail", null));
        assertEquals(Optional.of("glb"), Publications.assetType("glb", null));
        assertEquals(Optional.empty(), Publications.assetType("frame", null));
        assertEquals(Optional.empty(), Publications.assetType("parsed_objects", null));
    }

    @Test
    void outputSavesAssetTypeOverridesOnlyPrimaryRenderKinds() {
        assertEquals(Optional.of("multi_angle"), Publications.assetType("still", "multi_angle"));
        assertEquals(Optional.of("blend_production"), Publications.assetType("blend", "still"),
                "a .blend stays a production file whatever the save node says");
    }

    @Test
    void thePrimaryResultIsTheRenderNeverTheBlend() {
        List<Object> artifacts = List.of(artifact("blend", "a.blend"), artifact("frame", "f1.png"),
                artifact("video", "a.mp4"));
        assertEquals("a.mp4", Publications.primary(artifacts).orElseThrow().get("path"));
        assertTrue(Publications.primary(List.of(artifact("blend", "a.blend"))).isEmpty());
        assertEquals(1, Publications.frames(artifacts).size());
    }

    @Test
    void anArtifactOfAJobAlwaysGetsTheSameAssetId() {
        UUID a = Publications.assetId("job-1", "renders/x.png");
        assertEquals(a, Publications.assetId("job-1", "renders/x.png"));
        assertNotEquals(a, Publications.assetId("job-2", "renders/x.png"));
    }

    @Test
    void assetsCarryTheirPlacementAndAVideosDurationFromItsFrameRate() {
        Map<String, Object> video = new java.util.HashMap<>(artifact("video", "a.mp4"));
        video.put("frame_count", 48);
        List<Changes.MediaAsset> assets = Publications.assets(List.of(video, artifact("frame", "f.png")), null,
                new Publications.Placement(UUID.randomUUID(), null, null, null, null, "output", "job-9"),
                "graph_authoritative_save", 24.0);
        assertEquals(1, assets.size());
        assertEquals(2.0, assets.get(0).durationS());
        assertEquals("job-9", assets.get(0).jobId());
        assertEquals("graph_authoritative_save", assets.get(0).publicationMode());
    }
}
