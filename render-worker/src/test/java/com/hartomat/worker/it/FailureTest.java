package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a job can go wrong ends in a failed event with the right stable code. */
@QuarkusTest
class FailureTest extends KafkaJobsTest {

    private static RenderEvent failed(RenderJob job) {
        kafka.send(job);
        RenderEvent outcome = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
        assertEquals(RenderEventType.FAILED, outcome.eventType(), "expected a failure, got " + outcome);
        assertNotNull(outcome.failure().message());
        return outcome;
    }

    @Test
    void aMissingInputFileFailsWithInputMissing() {
        RenderEvent outcome = failed(TestJobs.orderLineJob(TestJobs.id("missing"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", "cad/does-not-exist/model.glb"), null, null));

        assertEquals(FailureCode.INPUT_MISSING, outcome.failure().code());
        assertFalse(outcome.failure().retryable());
        assertTrue(outcome.failure().message().contains("cad/does-not-exist/model.glb"));
    }

    @Test
    void aCorruptStepFileFailsWithImportFailedAndGmshsLogTail() throws Exception {
        Path corrupt = KafkaJobs.storageRoot().resolve("cad/corrupt/broken.step");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\n#1=MANIFOLD_SOLID_BREP('',#2;\nENDSEC;\n");

        RenderEvent outcome = failed(TestJobs.cadJob(TestJobs.id("corrupt"), JobType.OCC_GLB_EXPORT, "corrupt", Map.of(),
                Map.of("step_path", "cad/corrupt/broken.step")));

        assertEquals(FailureCode.IMPORT_FAILED, outcome.failure().code());
        assertFalse(outcome.failure().retryable());
        assertTrue(outcome.failure().logTail().contains("gmsh"), outcome.failure().logTail());
    }

    @Test
    void aBlenderScriptErrorFailsWithRenderFailedAndThePythonTraceback() {
        String glb = TestJobs.sampleGlb(kafka);
        // a colour with three components: Blender's Python API raises inside the worker script
        Map<String, Object> inputs = Map.of("glb_path", glb, "material_assignments", List.of(Map.of("part_name", "nut",
                "material", "Broken", "definition", Map.of("base_color", List.of(1, 0, 0)))));

        RenderEvent outcome = failed(TestJobs.orderLineJob(TestJobs.id("script"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), inputs, null, null));

        assertEquals(FailureCode.RENDER_FAILED, outcome.failure().code());
        assertFalse(outcome.failure().retryable(), "the same script error would happen again");
        assertTrue(outcome.failure().logTail().contains("Traceback"), outcome.failure().logTail());
    }

    @Test
    void aJobOverItsTimeLimitFailsWithTimeoutAndItsBlenderProcessTreeIsGone() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("slow"), JobType.STILL, TestJobs.id("ol"), null,
                Map.of("width", 640, "height", 640, "samples", 60000), Map.of("glb_path", glb), null, 3);

        RenderEvent outcome = failed(job);

        assertEquals(FailureCode.TIMEOUT, outcome.failure().code());
        assertTrue(outcome.failure().retryable());
        // a fresh Blender's process tree is killed; a warm pool's process is killed and replaced
        String tail = outcome.failure().logTail();
        assertTrue(tail.contains("killing process tree") || tail.contains("replaced"), tail);
        String attemptDir = job.jobId() + "-a1";
        boolean survivor = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(attemptDir));
        assertFalse(survivor, "no Blender process of the timed-out attempt is left");
    }

    @Test
    void aPathOutsideTheStorageRootFailsWithInvalidJob() {
        RenderEvent outcome = failed(TestJobs.orderLineJob(TestJobs.id("escape"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", "../../etc/passwd"), null, null));

        assertEquals(FailureCode.INVALID_JOB, outcome.failure().code());
        assertFalse(outcome.failure().retryable());
    }

    @Test
    void aLegacyJobWithoutPresetFailsWithInvalidJob() {
        RenderEvent outcome = failed(TestJobs.orderLineJob(TestJobs.id("nopreset"), JobType.LEGACY_RENDER, TestJobs.id("ol"),
                null, TestJobs.tiny(), Map.of("glb_path", "cad/x.glb"), null, null));

        assertEquals(FailureCode.INVALID_JOB, outcome.failure().code());
    }
}
