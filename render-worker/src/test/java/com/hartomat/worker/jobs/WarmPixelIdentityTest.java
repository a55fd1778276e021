package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.blender.BlenderPool;
import com.hartomat.worker.blender.BlenderProbe;
import com.hartomat.worker.blender.FreshBlender;
import com.hartomat.worker.blender.RecyclePolicy;
import com.hartomat.worker.cad.GmshMesher;
import com.hartomat.worker.storage.ArtifactStore;
import com.hartomat.worker.storage.StoragePaths;
import com.hartomat.worker.tracing.JobTracing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm Blender renders the same pixels as a fresh one: the same still spec (sample assembly as GLB, materials,
 * fixed seed) is rendered by a fresh {@code blender -b} and by a warm process that has already rendered a different
 * job (the STEP meshed in the job, another size, seed, camera, transparent film, another material), and the decoded
 * pixels are compared exactly. Real gmsh and Blender, driven through the {@link JobExecutor} as the worker does.
 */
class WarmPixelIdentityTest {

    private static final Path SAMPLE_STEP = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");

    @TempDir
    Path dir;

    @Test
    void aWarmProcessThatRenderedSomethingElseRendersTheSamePixelsAsAFreshBlender() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("cad/as1"));
        Files.copy(SAMPLE_STEP, root.resolve("cad/as1/as1.stp.gz"));
        Path scene = copy("blender/hartomat_scene.py");
        Path loop = copy("blender/hartomat_warm.py");
        BlenderProbe.Result probe = BlenderProbe.probe("blender", Duration.ofSeconds(60));
        assertTrue(probe.available(), probe.reason());
        ArtifactStore store = new ArtifactStore(new StoragePaths(root));
        GmshMesher mesher = new GmshMesher("gmsh", new com.hartomat.worker.cad.TessellationSettings(20), JobTracing.off());

        JobExecutor fresh = new JobExecutor(store, mesher, new FreshBlender("blender", scene),
                Files.createDirectories(dir.resolve("work-fresh")), () -> probe, 1 << 18, JobTracing.off(), null);
        try (BlenderPool pool = new BlenderPool("blender", loop, scene, Files.createDirectories(dir.resolve("home")), 1,
                new RecyclePolicy(50, 0))) {
            JobExecutor warm = new JobExecutor(store, mesher, pool, Files.createDirectories(dir.resolve("work-warm")),
                    () -> probe, 1 << 18, JobTracing.off(), null);
            String glb = execute(fresh, job(JobType.OCC_GLB_EXPORT, "as1", Map.of(),
                    Map.of("step_path", "cad/as1/as1.stp.gz"))).outputs().get("glb_path").toString();

            JobResult other = execute(warm, job(JobType.STILL, "warm-other",
                    Map.of("width", 48, "height", 40, "samples", 2, "seed", 9, "transparent_background", true),
                    Map.of("step_path", "cad/as1/as1.stp.gz",
                            "template", Map.of("camera_preset", "top", "lighting_preset", "dark"),
                            "material_assignments", List.of(material("nut", "blue", "#2040ff", 0.9, 0.1)))));
            Map<String, Object> params = Map.of("width", 64, "height", 64, "samples", 4, "seed", 1);
            Map<String, Object> inputs = Map.of("glb_path", glb,
                    "material_assignments", List.of(material("nut", "red", "#cc3311", 0.2, 0.4)));
            JobResult onWarm = execute(warm, job(JobType.STILL, "warm-same", params, inputs));
            JobResult onFresh = execute(fresh, job(JobType.STILL, "fresh-same", params, inputs));

            assertEquals(1, pool.started(), "both warm jobs ran on one process: the second one after the other job");
            int[] warmPixels = ArtifactStore.pixels(root.resolve(onWarm.artifacts().get(0).path()));
            int[] freshPixels = ArtifactStore.pixels(root.resolve(onFresh.artifacts().get(0).path()));
            assertEquals(64 * 64, warmPixels.length);
            assertTrue(Arrays.stream(warmPixels).distinct().count() > 10, "the still shows the model, not a blank frame");
            assertArrayEquals(freshPixels, warmPixels, "decoded pixels of the warm render equal the fresh render's");
            assertEquals(48 * 40, ArtifactStore.pixels(root.resolve(other.artifacts().get(0).path())).length);
        }
    }

    private static Map<String, Object> material(String part, String name, String colour, double metallic, double roughness) {
        return Map.of("part_name", part, "material", name,
                "definition", Map.of("base_color", colour, "metallic", metallic, "roughness", roughness));
    }

    private static JobResult execute(JobExecutor executor, RenderJob job) throws InterruptedException {
        return executor.execute(job, JobExecutor.Attempt.start(job.jobId(), 1, Duration.ofMinutes(5), progress -> {
        }, executor.logLimit()));
    }

    private static RenderJob job(JobType type, String line, Map<String, Object> params, Map<String, Object> inputs) {
        String id = "pix-" + UUID.randomUUID();
        RenderContext context = type == JobType.OCC_GLB_EXPORT ? RenderContext.cadFile(line)
                : RenderContext.orderLine(line, "p-1", "o-1", "ot-1", "as1");
        return RenderJob.of(id, type, "test", ExecutionMode.GRAPH, null, "run-" + id, "node", "wf", context, params, inputs,
                Publication.legacy(), null, Instant.now());
    }

    private Path copy(String resource) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
