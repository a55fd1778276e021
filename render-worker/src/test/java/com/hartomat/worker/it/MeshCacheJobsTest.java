package com.hartomat.worker.it;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.storage.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The mesh cache with the running worker, real gmsh and Blender: the first job on a STEP file meshes it and publishes
 * the entry, every later job on the same file (export, STL, still, bbox) takes it from the cache.
 */
@QuarkusTest
class MeshCacheJobsTest extends KafkaJobsTest {

    @Test
    @SuppressWarnings("unchecked")
    void theFirstJobOnAStepFileMeshesItAndLaterJobsOnTheSameFileHitTheCacheInTheirOutputAndTheMetric() throws Exception {
        String step = uniqueSampleStep();
        String stepSha = ArtifactStore.sha256(KafkaJobs.storageRoot().resolve(step));
        double hitsBefore = meshCacheCount("hit");
        double missesBefore = meshCacheCount("miss");

        RenderEvent exported = run(TestJobs.cadJob(TestJobs.id("mc-glb"), JobType.OCC_GLB_EXPORT, TestJobs.id("mc-cad"),
                Map.of(), Map.of("step_path", step)));
        assertEquals("miss", exported.outputs().get("mesh_cache"));
        String entry = exported.outputs().get("mesh_cache_entry").toString();
        assertTrue(entry.startsWith("mesh-cache/" + stepSha.substring(0, 2) + "/" + stepSha + "/"), entry);
        Path entryDir = KafkaJobs.storageRoot().resolve(entry);
        Map<String, Object> recorded = Json.mapper().readValue(entryDir.resolve("entry.json").toFile(), Map.class);
        assertEquals(stepSha, recorded.get("step_sha256"));
        assertEquals(18, ((List<?>) recorded.get("stl")).size(), "one STL per solid in the entry");
        assertEquals(exported.outputs().get("parts"), recorded.get("parts"));
        Artifact glb = exported.artifacts().get(0);
        assertEquals(ArtifactStore.sha256(entryDir.resolve("model.glb")), glb.sha256(), "the job's GLB is the entry's");

        RenderEvent stls = run(TestJobs.cadJob(TestJobs.id("mc-stl"), JobType.STL_CACHE_GENERATE, TestJobs.id("mc-cad"),
                Map.of(), Map.of("step_path", step)));
        assertEquals("hit", stls.outputs().get("mesh_cache"));
        assertEquals(entry, stls.outputs().get("mesh_cache_entry"));
        assertEquals(18, stls.artifacts().stream().filter(a -> a.role().equals("stl")).count());
        assertEquals(exported.outputs().get("bbox"), stls.outputs().get("bbox"));

        RenderEvent still = run(TestJobs.orderLineJob(TestJobs.id("mc-still"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("step_path", step), null, null));
        assertEquals("hit", still.outputs().get("mesh_cache"));
        assertEquals(exported.outputs().get("parts"), still.outputs().get("objects"), "the still rendered the cached parts");
        assertEquals("still", still.artifacts().get(0).role());

        RenderEvent bbox = run(TestJobs.cadJob(TestJobs.id("mc-bbox"), JobType.GLB_BBOX, TestJobs.id("mc-cad"), Map.of(),
                Map.of("step_path", step)));
        assertEquals("hit", bbox.outputs().get("mesh_cache"));
        assertEquals(exported.outputs().get("bbox"), bbox.outputs().get("bbox"));

        assertEquals(missesBefore + 1, meshCacheCount("miss"), "hartomat_worker_mesh_cache_total{result=miss}");
        assertEquals(hitsBefore + 3, meshCacheCount("hit"), "hartomat_worker_mesh_cache_total{result=hit}");
    }

    @Test
    void otherUnitsAreAnotherEntryOfTheSameFile() {
        String step = uniqueSampleStep();
        RenderEvent mm = run(TestJobs.cadJob(TestJobs.id("mc-mm"), JobType.GLB_BBOX, TestJobs.id("mc-cad"), Map.of(),
                Map.of("step_path", step)));
        RenderEvent cm = run(TestJobs.cadJob(TestJobs.id("mc-cm"), JobType.GLB_BBOX, TestJobs.id("mc-cad"),
                Map.of("units", "cm"), Map.of("step_path", step)));

        assertEquals("miss", mm.outputs().get("mesh_cache"));
        assertEquals("miss", cm.outputs().get("mesh_cache"), "a different unit scale is a different entry");
        String mmEntry = mm.outputs().get("mesh_cache_entry").toString();
        String cmEntry = cm.outputs().get("mesh_cache_entry").toString();
        assertEquals(mmEntry.substring(0, mmEntry.lastIndexOf('/')), cmEntry.substring(0, cmEntry.lastIndexOf('/')),
                "same file");
        assertTrue(!mmEntry.equals(cmEntry), mmEntry);
    }

    private RenderEvent run(RenderJob job) {
        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
        assertEquals(RenderEventType.COMPLETED, done.eventType(), job.jobId() + ": " + done.failure());
        return done;
    }

    /**
     * The gmsh-doc sample with a unique comment in its header: the same geometry, another sha256, so this test's first
     * job is a miss whatever ran before on this storage.
     */
    static String uniqueSampleStep() {
        String id = UUID.randomUUID().toString();
        String relative = "cad/mesh-cache-" + id.substring(0, 8) + "/model.stp";
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestJobs.SAMPLE_STEP))) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            text = text.replaceFirst("ISO-10303-21;", "ISO-10303-21;\n/* mesh cache test " + id + " */");
            Path target = KafkaJobs.storageRoot().resolve(relative);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return relative;
    }

    static double meshCacheCount(String result) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // the value may be followed by an exemplar (# {trace_id=...}) when the counter was incremented inside a job's span
        Matcher m = Pattern.compile("^hartomat_worker_mesh_cache_total\\{[^}]*result=\"" + result + "\"[^}]*} (\\S+)",
                Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), "hartomat_worker_mesh_cache_total{result=\"" + result + "\"} in /q/metrics");
        return Double.parseDouble(m.group(1));
    }
}
