package com.hartomat.worker.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.jobs.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathsTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "cad/../../x.step", "/etc/passwd", "\\\\server\\share", "C:/x.step", "a/..", ""})
    void pathsOutsideTheRootOrAbsoluteAreInvalidJobs(String path) {
        JobFailure failure = assertThrows(JobFailure.class, () -> new StoragePaths(root).resolve("inputs.step_path", path));
        assertEquals(FailureCode.INVALID_JOB, failure.code());
    }

    @Test
    void relativePathsResolveInsideTheRoot() {
        StoragePaths paths = new StoragePaths(root);
        Path resolved = paths.resolve("inputs.step_path", "cad/c1/./model.step");
        assertEquals(root.resolve("cad/c1/model.step"), resolved);
        assertEquals("cad/c1/model.step", paths.relativize(resolved));
    }

    @Test
    void aMissingInputIsInputMissingNotInvalid() {
        JobFailure failure = assertThrows(JobFailure.class,
                () -> new StoragePaths(root).existingFile("inputs.glb_path", "cad/none.glb"));
        assertEquals(FailureCode.INPUT_MISSING, failure.code());
    }

    @Test
    void aSymlinkLeadingOutOfTheRootIsRejected(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("secret.step"), "x");
        Files.createSymbolicLink(root.resolve("link.step"), outside.resolve("secret.step"));
        JobFailure failure = assertThrows(JobFailure.class,
                () -> new StoragePaths(root).existingFile("inputs.step_path", "link.step"));
        assertEquals(FailureCode.INVALID_JOB, failure.code());
    }

    static RenderJob job(JobType type, RenderContext context, String suffix) {
        Publication publication = new Publication(suffix == null, false, List.of(), suffix == null, suffix == null, suffix,
                true, List.of());
        return RenderJob.of("j1", type, "task", suffix == null ? ExecutionMode.GRAPH : ExecutionMode.SHADOW, null, "run-1",
                "render", null, context, Map.of(), Map.of(), publication, null, Instant.now());
    }

    @Test
    void orderLineOutputsFollowTheReferenceLayoutWithTheShadowSuffix() {
        RenderContext line = RenderContext.orderLine("ol-7", null, null, null, null);
        assertEquals("renders/ol-7/line_ol-7", OutputLayout.stem(job(JobType.STILL, line, null)));
        assertEquals("renders/ol-7/line_ol-7_shadow-1a2b3c4d",
                OutputLayout.stem(job(JobType.STILL, line, "shadow-1a2b3c4d")));
    }

    @Test
    void cadOutputsGoUnderTheCadFile() {
        RenderContext cad = RenderContext.cadFile("cad-3");
        assertEquals("cad/cad-3/model", OutputLayout.stem(job(JobType.OCC_GLB_EXPORT, cad, null)));
        assertEquals("cad/cad-3/thumbnail", OutputLayout.stem(job(JobType.THUMBNAIL_SAVE, cad, null)));
    }

    @Test
    void anIdThatWouldClimbOutOfTheLayoutIsInvalid() {
        RenderContext line = RenderContext.orderLine("../x", null, null, null, null);
        JobFailure failure = assertThrows(JobFailure.class, () -> OutputLayout.stem(job(JobType.STILL, line, null)));
        assertEquals(FailureCode.INVALID_JOB, failure.code());
    }
}
