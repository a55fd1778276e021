package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.storage.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeterminismTest extends KafkaJobsTest {

    @Test
    void twoRendersWithTheSameSeedHaveEqualDecodedPixels() {
        String glb = TestJobs.sampleGlb(kafka);
        RenderEvent first = render(glb);
        RenderEvent second = render(glb);

        int[] a = ArtifactStore.pixels(KafkaJobs.storageRoot().resolve(first.artifacts().get(0).path()));
        int[] b = ArtifactStore.pixels(KafkaJobs.storageRoot().resolve(second.artifacts().get(0).path()));
        assertEquals(64 * 64, a.length);
        assertArrayEquals(a, b, "Cycles on CPU with a fixed seed and no denoiser is pixel-deterministic");
    }

    private static RenderEvent render(String glb) {
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("det"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny("seed", 42), Map.of("glb_path", glb), null, null);
        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        return done;
    }
}
