package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real (tiny) Blender render sends heartbeats while it runs: between {@code started} and its outcome, for the same
 * job and attempt, with nothing but liveness in them. The test profile sets the interval to 0.2 s; the render takes
 * more than a second (Blender's start-up alone), so several must be there.
 */
@QuarkusTest
class HeartbeatTest extends KafkaJobsTest {

    @Test
    void aRunningRenderSendsHeartbeatsBetweenStartedAndItsOutcome() {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("hb"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", glb), null, null);
        kafka.send(job);
        List<RenderEvent> events = kafka.awaitOutcome(job.jobId());
        RenderEvent done = KafkaJobs.outcome(events);
        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));

        List<RenderEventType> types = events.stream().map(RenderEvent::eventType).toList();
        int started = types.indexOf(RenderEventType.STARTED);
        int outcome = types.indexOf(RenderEventType.COMPLETED);
        List<RenderEvent> heartbeats = events.stream().filter(e -> e.eventType() == RenderEventType.HEARTBEAT).toList();
        // how many depends on how long the render takes (a warm Blender renders the tiny still in well under a second)
        assertTrue(heartbeats.size() >= 1, "heartbeats while Blender ran: " + types);
        for (RenderEvent hb : heartbeats) {
            int at = events.indexOf(hb);
            assertTrue(at > started && at < outcome, "a heartbeat only while the attempt runs: " + types);
            assertEquals(done.attempt(), hb.attempt());
            assertEquals(done.workerId(), hb.workerId());
            assertEquals(null, hb.progress());
            assertEquals(null, hb.failure());
            assertTrue(hb.artifacts().isEmpty());
        }
    }
}
