package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportBlendTest extends KafkaJobsTest {

    @Test
    void compressedBlendExportIsReopenedByBlenderWithPartsMaterialsAndCamera() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        Map<String, Object> inputs = new java.util.HashMap<>(TestJobs.materials());
        inputs.put("glb_path", glb);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("blend"), JobType.EXPORT_BLEND, line, null,
                TestJobs.tiny("compression", true), inputs, null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Artifact blend = done.artifacts().get(0);
        assertEquals("blend", blend.role());
        assertEquals("renders/" + line + "/line_" + line + ".blend", blend.path());
        Path file = KafkaJobs.storageRoot().resolve(blend.path());
        assertNotEquals("BLENDER", head(file, 7), "compressed, not a plain .blend");

        String report = reopen(file);
        assertTrue(report.contains("REOPENED scene=Scene"), report);
        assertTrue(report.contains("camera=hartomat_camera"), report);
        assertTrue(report.contains("as1/rod-assembly/nut_1:Steel-Red"), report);
        assertTrue(report.contains("as1/plate:Aluminium"), report);
        assertTrue(report.contains("engine=CYCLES samples=4 res=64x64"), report);
    }

    @Test
    void uncompressedExportIsAPlainBlendFile() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("blend-plain"), JobType.EXPORT_BLEND, TestJobs.id("ol"), null,
                TestJobs.tiny("compression", false), Map.of("glb_path", glb), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertEquals("BLENDER", head(KafkaJobs.storageRoot().resolve(done.artifacts().get(0).path()), 7));
    }

    private static String head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
        }
    }

    /** Opens the file in a fresh Blender and prints what it finds. */
    static String reopen(Path blend) throws Exception {
        String expr = "import bpy\n"
                + "s = bpy.context.scene\n"
                + "print('REOPENED scene=%s camera=%s' % (s.name, s.camera.name if s.camera else None))\n"
                + "print('engine=%s samples=%d res=%dx%d' % (s.render.engine, s.cycles.samples, s.render.resolution_x, s.render.resolution_y))\n"
                + "for o in s.objects:\n"
                + "    if o.type == 'MESH' and o.data.materials:\n"
                + "        print('%s:%s' % (o.name, o.data.materials[0].name))\n";
        Process process = new ProcessBuilder("blender", "-b", blend.toString(), "--python-exit-code", "3",
                "--python-expr", expr).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
