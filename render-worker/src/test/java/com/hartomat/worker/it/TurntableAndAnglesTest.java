package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TurntableAndAnglesTest extends KafkaJobsTest {

    @Test
    void twelveFrameTurntableKeepsPngFramesWritesAnH264Mp4AndReportsFrameProgress() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("turntable"), JobType.TURNTABLE, line, null,
                TestJobs.tiny("frame_count", 12, "fps", 12, "rotation_axis", "Z"), Map.of("glb_path", glb), null, null);

        kafka.send(job);
        List<RenderEvent> events = kafka.awaitOutcome(job.jobId());
        RenderEvent done = KafkaJobs.outcome(events);

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Artifact video = done.artifacts().stream().filter(a -> a.role().equals("video")).findFirst().orElseThrow();
        assertEquals("renders/" + line + "/line_" + line + ".mp4", video.path());
        assertEquals("video/mp4", video.mediaType());
        assertEquals(12, video.frameCount());
        assertEquals(64, video.width());
        Path mp4 = KafkaJobs.storageRoot().resolve(video.path());
        byte[] head = new byte[64];
        try (InputStream in = Files.newInputStream(mp4)) {
            assertEquals(64, in.read(head));
        }
        assertEquals("ftyp", new String(head, 4, 4), "an MP4 container");
        assertTrue(new String(Files.readAllBytes(mp4), "ISO-8859-1").contains("avc1"), "H.264 video track");

        List<Artifact> frames = done.artifacts().stream().filter(a -> a.role().equals("frame")).toList();
        assertEquals(12, frames.size());
        assertEquals("renders/" + line + "/line_" + line + "_frames/frame_0001.png", frames.get(0).path());
        assertTrue(frames.stream().allMatch(f -> f.width() == 64 && f.height() == 64));

        List<RenderEvent> progress = events.stream().filter(e -> e.eventType() == RenderEventType.PROGRESS
                && e.progress().frame() != null).toList();
        assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), progress.stream().map(e -> e.progress().frame()).toList());
        assertTrue(progress.stream().allMatch(e -> e.progress().frameCount() == 12));
        assertEquals(100.0, progress.get(11).progress().percent(), 1e-9);
    }

    @Test
    void multiAngleWritesOneNamedImagePerAngle() {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("angles"), JobType.MULTI_ANGLE, line, null,
                TestJobs.tiny("angles", List.of("front", Map.of("name", "high-left", "azimuth", 90, "elevation", 60))),
                Map.of("glb_path", glb), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertEquals(List.of("angle:front", "angle:high-left"), done.artifacts().stream().map(Artifact::role).toList());
        assertEquals("renders/" + line + "/line_" + line + "_high-left.png", done.artifacts().get(1).path());
        int[] front = com.hartomat.worker.storage.ArtifactStore.pixels(KafkaJobs.storageRoot().resolve(done.artifacts().get(0).path()));
        int[] side = com.hartomat.worker.storage.ArtifactStore.pixels(KafkaJobs.storageRoot().resolve(done.artifacts().get(1).path()));
        assertEquals(front.length, side.length);
        assertTrue(!java.util.Arrays.equals(front, side), "different angles give different pictures");
    }

    @Test
    void legacyTurntablePresetRunsTheTurntablePipeline() {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("legacy-tt"), JobType.LEGACY_RENDER, line, "turntable",
                TestJobs.tiny("frame_count", 4, "samples", 1), Map.of("glb_path", glb), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertArrayEquals(new String[] {"video", "frame", "frame", "frame", "frame"},
                done.artifacts().stream().map(Artifact::role).toArray(String[]::new));
    }
}
