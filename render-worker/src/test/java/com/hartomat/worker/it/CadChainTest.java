package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.storage.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The gmsh-doc sample STEP through the whole CAD chain and into a still, with real gmsh and Blender. */
@QuarkusTest
class CadChainTest extends KafkaJobsTest {

    @Test
    @SuppressWarnings("unchecked")
    void objectExtractParsesTheSampleAssemblyTreeFromTheStepText() {
        String step = TestJobs.stageSampleStep();
        RenderJob job = TestJobs.cadJob(TestJobs.id("extract"), JobType.OCC_OBJECT_EXTRACT, TestJobs.SAMPLE_CAD, Map.of(),
                Map.of("step_path", step));

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Map<String, Object> parsed = (Map<String, Object>) done.outputs().get("parsed_objects");
        assertEquals(9, parsed.get("product_count"));
        assertEquals(13, parsed.get("instance_count"));
        assertEquals(List.of("nut", "rod", "bolt", "l-bracket", "plate"), parsed.get("part_names"));
        assertEquals(18, ((List<?>) parsed.get("part_keys")).size(), "one key per part occurrence");
        assertEquals(18, ((List<?>) parsed.get("occurrences")).size());
        Artifact json = done.artifacts().get(0);
        assertEquals("cad/sample-as1/objects.json", json.path());
        assertEquals(ArtifactStore.sha256(KafkaJobs.storageRoot().resolve(json.path())), json.sha256());
    }

    @Test
    @SuppressWarnings("unchecked")
    void glbExportMakesOneNamedObjectPerPartInMetresAndBboxReadsItExactly() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        assertEquals("cad/sample-as1/model.glb", glb);
        assertTrue(Files.size(KafkaJobs.storageRoot().resolve(glb)) > 10_000);

        RenderJob bbox = TestJobs.cadJob(TestJobs.id("bbox"), JobType.GLB_BBOX, TestJobs.SAMPLE_CAD, Map.of(),
                Map.of("glb_path", glb));
        kafka.send(bbox);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(bbox.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Map<String, Object> box = (Map<String, Object>) done.outputs().get("bbox");
        // the sample's solids span x -10..190, y 0..150, z -4..80 mm (gmsh's entity boxes); mm -> m -> mm round trip
        assertVector(List.of(-10.0, 0.0, -4.0), (List<Number>) box.get("min"));
        assertVector(List.of(190.0, 150.0, 80.0), (List<Number>) box.get("max"));
        assertEquals("mm", box.get("units"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void glbExportReportsTheNamedPartsAndTheGlbArtifact() {
        String step = TestJobs.stageSampleStep();
        RenderJob job = TestJobs.cadJob(TestJobs.id("stl"), JobType.STL_CACHE_GENERATE, "sample-as1-stl", Map.of(),
                Map.of("step_path", step));

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        List<String> parts = (List<String>) done.outputs().get("parts");
        assertEquals(18, parts.size(), "one object per solid: " + parts);
        for (String key : List.of("as1/rod-assembly/nut_1", "as1/rod-assembly/nut_2", "as1/rod-assembly/rod",
                "as1/l-bracket-assembly_2/nut-bolt-assembly_3/bolt", "as1/l-bracket-assembly_1/l-bracket", "as1/plate")) {
            assertTrue(parts.contains(key), "objects are named by part key: " + key + " in " + parts);
        }
        assertEquals(parts, done.outputs().get("part_keys"));
        assertEquals(1, done.artifacts().stream().filter(a -> a.role().equals("glb")).count());
        List<Artifact> stls = done.artifacts().stream().filter(a -> a.role().equals("stl")).toList();
        assertEquals(18, stls.size());
        assertTrue(stls.stream().allMatch(a -> a.path().startsWith("cad/sample-as1-stl/model_stl/") && a.path().endsWith(".stl")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stillFromTheConvertedSampleAppliesMaterialsAndReportsThePng() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        Map<String, Object> inputs = new java.util.HashMap<>(TestJobs.materials());
        inputs.put("glb_path", glb);
        inputs.put("template", Map.of("camera_preset", "iso", "lighting_preset", "studio", "use_materials", true));
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("still"), JobType.STILL, line, null, TestJobs.tiny(), inputs,
                null, null);

        kafka.send(job);
        List<RenderEvent> events = kafka.awaitOutcome(job.jobId());
        RenderEvent done = KafkaJobs.outcome(events);

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertEquals(List.of(RenderEventType.ACCEPTED, RenderEventType.STARTED),
                events.stream().map(RenderEvent::eventType).limit(2).toList());
        Artifact png = done.artifacts().get(0);
        assertEquals("still", png.role());
        assertEquals("renders/" + line + "/line_" + line + ".png", png.path());
        assertEquals("image/png", png.mediaType());
        assertEquals(64, png.width());
        assertEquals(64, png.height());
        Path file = KafkaJobs.storageRoot().resolve(png.path());
        assertEquals(ArtifactStore.sha256(file), png.sha256());
        assertEquals(Files.size(file), png.sizeBytes());
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(64, image.getWidth());
        Map<String, List<?>> applied = (Map<String, List<?>>) done.outputs().get("materials_applied");
        assertEquals(8, applied.get("nut").size(), "every nut occurrence gets the nut material: " + applied);
        assertEquals(1, applied.get("plate").size());
        assertEquals(9, ((List<?>) done.outputs().get("unassigned")).size(), "rod, 6 bolts, 2 brackets: " + done.outputs());
        assertNotNull(done.timings().durationMs());
        assertEquals(job.publication(), done.publication());
        assertEquals(1, done.attempt());
    }

    @Test
    void shadowLegacyStillWithExportsWritesSuffixedStillBlendAndGlbFromTheStepDirectly() {
        String step = TestJobs.stageSampleStep();
        String line = TestJobs.id("ol");
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("legacy"), JobType.LEGACY_RENDER, line, "still_with_exports",
                TestJobs.tiny(), Map.of("step_path", step), "shadow-1a2b3c4d", null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        String stem = "renders/" + line + "/line_" + line + "_shadow-1a2b3c4d";
        assertEquals(List.of("still", "blend", "glb"), done.artifacts().stream().map(Artifact::role).toList());
        assertEquals(List.of(stem + ".png", stem + ".blend", stem + ".glb"),
                done.artifacts().stream().map(Artifact::path).toList());
        assertEquals(false, done.publication().publishAssetEnabled());
        assertEquals("shadow-1a2b3c4d", done.publication().outputNameSuffix());
        assertEquals("still_with_exports", done.outputs().get("preset"));
    }

    @Test
    void thumbnailSaveRendersACadPreview() {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.cadJob(TestJobs.id("thumb"), JobType.THUMBNAIL_SAVE, "thumb-cad",
                Map.of("width", 48, "height", 32, "samples", 2), Map.of("glb_path", glb));

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Artifact thumb = done.artifacts().get(0);
        assertEquals("thumbnail", thumb.role());
        assertEquals("cad/thumb-cad/thumbnail.png", thumb.path());
        assertEquals(48, thumb.width());
        assertEquals(32, thumb.height());
    }

    private static void assertVector(List<Double> expected, List<Number> actual) {
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.get(i), actual.get(i).doubleValue(), 0.01, "axis " + i + " of " + actual);
        }
    }
}
