package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencyTest {

    @Test
    void withTheDefaultConcurrencyOfOneTheSecondJobIsTakenOnlyAfterTheFirstFinished() {
        try (KafkaJobs kafka = new KafkaJobs()) {
            String glb = TestJobs.sampleGlb(kafka);
            RenderJob a = TestJobs.orderLineJob(TestJobs.id("one"), JobType.STILL, TestJobs.id("ol"), null, TestJobs.tiny(),
                    Map.of("glb_path", glb), null, null);
            RenderJob b = TestJobs.orderLineJob(TestJobs.id("two"), JobType.STILL, TestJobs.id("ol"), null, TestJobs.tiny(),
                    Map.of("glb_path", glb), null, null);

            kafka.send(a);
            kafka.send(b);
            List<List<RenderEvent>> runs = List.of(kafka.awaitOutcome(a.jobId()), kafka.awaitOutcome(b.jobId())).stream()
                    .sorted(Comparator.comparing(events -> first(events, RenderEventType.ACCEPTED).occurredAt())).toList();

            RenderEvent firstDone = first(runs.get(0), RenderEventType.COMPLETED);
            RenderEvent secondAccepted = first(runs.get(1), RenderEventType.ACCEPTED);
            assertFalse(secondAccepted.occurredAt().isBefore(firstDone.occurredAt()),
                    "the second job was accepted at " + secondAccepted.occurredAt() + ", before the first completed at "
                            + firstDone.occurredAt());
            assertEquals(RenderEventType.COMPLETED, first(runs.get(1), RenderEventType.COMPLETED).eventType());
        }
    }

    private static RenderEvent first(List<RenderEvent> events, RenderEventType type) {
        return events.stream().filter(e -> e.eventType() == type).findFirst().orElseThrow();
    }
}
