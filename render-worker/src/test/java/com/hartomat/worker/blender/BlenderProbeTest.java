package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.worker.status.BlenderReadinessCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlenderProbeTest {

    @Test
    void installedBlenderAnswersWithItsVersion() {
        BlenderProbe.Result result = BlenderProbe.probe("blender", Duration.ofSeconds(30));
        assertTrue(result.available(), String.valueOf(result.reason()));
        assertTrue(result.version().startsWith("3."), result.version());
    }

    @Test
    void aMissingBlenderMakesReadinessDownWithTheReason() {
        BlenderProbe.Result result = BlenderProbe.probe("/nonexistent/blender", Duration.ofSeconds(5));
        assertFalse(result.available());

        HealthCheckResponse health = BlenderReadinessCheck.of(result);
        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        assertTrue(health.getData().orElseThrow().get("reason").toString().contains("not found or not executable"));
    }

    @Test
    void aBlenderThatFailsItsVersionProbeIsUnavailable(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("blender");
        Files.writeString(fake, "#!/bin/sh\necho 'libGL error: cannot open display' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        BlenderProbe.Result result = BlenderProbe.probe(fake.toString(), Duration.ofSeconds(5));

        assertFalse(result.available());
        assertTrue(result.reason().contains("exited with 1") && result.reason().contains("libGL error"), result.reason());
    }
}
