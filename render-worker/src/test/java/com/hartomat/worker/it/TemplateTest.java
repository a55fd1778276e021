package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A job naming a template .blend gets the template's scene: its camera, its set, not its placeholder. */
@QuarkusTest
class TemplateTest extends KafkaJobsTest {

    @Test
    void theTemplateSceneCameraAndSetAreUsedAndItsPlaceholderIsReplacedByTheModel() throws Exception {
        String template = "templates/" + TestJobs.id("studio") + ".blend";
        makeTemplate(KafkaJobs.storageRoot().resolve(template));
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("tpl"), JobType.LEGACY_RENDER, TestJobs.id("ol"), "still_with_exports",
                TestJobs.tiny(), Map.of("glb_path", glb, "template", Map.of("template_path", template, "use_materials", true,
                        "lighting_preset", "studio")), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        String report = ExportBlendTest.reopen(KafkaJobs.storageRoot().resolve(done.artifacts().get(1).path()));
        assertTrue(report.contains("camera=TemplateCam"), report);
        assertTrue(report.contains("Backdrop:"), "the template's set is kept: " + report);
        assertFalse(report.contains("Placeholder:"), "the placeholder is replaced by the model: " + report);
        assertTrue(report.contains("engine=CYCLES samples=4 res=64x64"), "job params win over the template: " + report);
    }

    @Test
    void aMissingTemplateIsInputMissing() {
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("tpl-missing"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", TestJobs.sampleGlb(kafka),
                        "template", Map.of("template_path", "templates/none.blend")), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.FAILED, done.eventType());
        assertEquals(com.hartomat.contracts.messages.FailureCode.INPUT_MISSING, done.failure().code());
    }

    static void makeTemplate(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String expr = "import bpy\n"
                + "bpy.ops.wm.read_factory_settings(use_empty=True)\n"
                + "s = bpy.context.scene\n"
                + "cam = bpy.data.objects.new('TemplateCam', bpy.data.cameras.new('TemplateCam'))\n"
                + "s.collection.objects.link(cam)\n"
                + "cam.location = (0.45, -0.35, 0.35)\n"
                + "cam.rotation_euler = (1.1, 0.0, 0.9)\n"
                + "s.camera = cam\n"
                + "bpy.ops.mesh.primitive_plane_add(size=2, location=(0.09, 0.075, -0.01))\n"
                + "bpy.context.active_object.name = 'Backdrop'\n"
                + "bpy.context.active_object.data.materials.append(bpy.data.materials.new('Floor'))\n"
                + "bpy.ops.mesh.primitive_cube_add(size=0.1)\n"
                + "bpy.context.active_object.name = 'Placeholder'\n"
                + "bpy.context.active_object['hartomat_placeholder'] = True\n"
                + "bpy.context.active_object.data.materials.append(bpy.data.materials.new('Dummy'))\n"
                + "s.render.engine = 'BLENDER_EEVEE'\n"
                + "bpy.ops.wm.save_as_mainfile(filepath=r'" + file + "')\n";
        Process process = new ProcessBuilder("blender", "-b", "--factory-startup", "--python-exit-code", "3",
                "--python-expr", expr).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }
}
