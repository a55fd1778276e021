package com.hartomat.worker.it;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetters;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.WorkerRuntime;
import com.hartomat.worker.messaging.RenderJobConsumer;
import com.hartomat.worker.tracing.JobTracing;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parallel jobs with the running worker: concurrency 3 configured, a memory budget that fits two of the heaviest job
 * type, so two jobs run at once; and a second consumer in the same group shares the work.
 */
@QuarkusTest
@TestProfile(ParallelJobsTest.TwoAtOnce.class)
// the order shows the rebalance case: the stills run right after the second consumer has left the group (with eager
// rebalancing they were seen to run one after the other), and then a rebalance is forced while a job runs
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParallelJobsTest extends KafkaJobsTest {

    /** 2048 MiB over the heaviest default estimate (768 MiB: legacy_render) = 2 slots, below the configured 3. */
    public static class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hartomat.worker.concurrency", "3", "hartomat.worker.memory-budget-mb", "2048");
        }
    }

    @Inject
    WorkerRuntime runtime;

    @Inject
    DeadLetters deadLetters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "hartomat.worker.group-id")
    String groupId;

    @Test
    void theMemoryBudgetCapsTheConfiguredConcurrency() {
        given().when().get("/api/render-workers/self").then().statusCode(200)
                .body("capacity.concurrency", equalTo(2));
    }

    @Test
    @Order(2)
    void twoStillsRunAtOnceTheirRecordedStartAndFinishOverlap() {
        String glb = TestJobs.sampleGlb(kafka);
        // one order line (the record key), so both records are on one partition and come in one poll whatever the
        // group's state; the shadow suffixes keep their files apart
        String line = TestJobs.id("ol");
        RenderJob a = TestJobs.orderLineJob(TestJobs.id("par-a"), JobType.STILL, line, null, TestJobs.tiny(),
                Map.of("glb_path", glb), "par-a", null);
        RenderJob b = TestJobs.orderLineJob(TestJobs.id("par-b"), JobType.STILL, line, null, TestJobs.tiny(),
                Map.of("glb_path", glb), "par-b", null);

        kafka.send(a);
        kafka.send(b);
        List<RenderEvent> eventsA = kafka.awaitOutcome(a.jobId());
        List<RenderEvent> eventsB = kafka.awaitOutcome(b.jobId());

        RenderEvent startedA = first(eventsA, RenderEventType.STARTED);
        RenderEvent startedB = first(eventsB, RenderEventType.STARTED);
        RenderEvent doneA = first(eventsA, RenderEventType.COMPLETED);
        RenderEvent doneB = first(eventsB, RenderEventType.COMPLETED);
        // overlap: each started before the other completed (the worker's own recorded event times, no timing bound)
        assertTrue(startedA.occurredAt().isBefore(doneB.occurredAt()),
                "a started " + startedA.occurredAt() + ", b completed " + doneB.occurredAt());
        assertTrue(startedB.occurredAt().isBefore(doneA.occurredAt()),
                "b started " + startedB.occurredAt() + ", a completed " + doneA.occurredAt());
        assertEquals(startedA.workerId(), startedB.workerId(), "one worker ran both");
    }

    @Test
    @Order(1)
    void aSecondConsumerInTheSameGroupTakesAShareOfTheJobs() throws Exception {
        // the sample GLB (converted by a job on first use) before the second consumer exists: it counts only these jobs
        String glb = TestJobs.sampleGlb(kafka);
        Set<String> takenBySecond = ConcurrentHashMap.newKeySet();
        RenderJobConsumer second = new RenderJobConsumer(bootstrap, groupId, "second-worker", deadLetters,
                (job, receivedAt, cancellation) -> {
                    takenBySecond.add(job.jobId());
                    return runtime.processor().process(job, receivedAt, cancellation);
                }, JobTracing.off(), 1, Duration.ofSeconds(5));
        second.start();
        try {
            Set<String> all = new HashSet<>();
            // batches of jobs keyed by different CAD files (spread over the partitions) until both consumers did
            // work: the first batches may run before the group has rebalanced onto the second consumer
            for (int batch = 0; batch < 20 && (takenBySecond.isEmpty() || takenBySecond.containsAll(all)); batch++) {
                List<RenderJob> jobs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    jobs.add(TestJobs.cadJob(TestJobs.id("share"), JobType.GLB_BBOX, TestJobs.id("share-cad"), Map.of(),
                            Map.of("glb_path", glb)));
                }
                jobs.forEach(kafka::send);
                for (RenderJob job : jobs) {
                    RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
                    assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
                    all.add(job.jobId());
                }
            }

            assertFalse(takenBySecond.isEmpty(), "the second consumer took none of " + all.size() + " jobs");
            assertTrue(all.containsAll(takenBySecond), "the second consumer took jobs it was not sent: " + takenBySecond);
            assertFalse(takenBySecond.containsAll(all), "the worker's own consumer took none of " + all.size() + " jobs");
        } finally {
            second.stop();
        }
    }

    /**
     * The cause of the stills once running one after the other: a rebalance while a job runs. With eager rebalancing
     * the worker lost all its partitions and got them back at their committed offsets, so it was re-delivered its own
     * running job: the duplicate took the free slot (waiting on the job's ledger lock for the whole render) and the next
     * record on that partition waited behind it until the running job had finished. Here a member joins and leaves the
     * group (subscribed to another topic, so the worker keeps every render.jobs partition) while a long turntable runs,
     * then a still is sent to the same partition (same record key): it must start and finish while the turntable runs.
     */
    @Test
    @Order(3)
    void aRebalanceWhileAJobRunsNeitherRedeliversItNorHoldsUpTheNextRecordOnItsPartition() {
        String glb = TestJobs.sampleGlb(kafka);
        String line = TestJobs.id("ol");
        RenderJob longJob = TestJobs.orderLineJob(TestJobs.id("rebalance-long"), JobType.TURNTABLE, line, null,
                TestJobs.tiny("frame_count", 48, "samples", 8), Map.of("glb_path", glb), "reb-long", null);
        RenderJob still = TestJobs.orderLineJob(TestJobs.id("rebalance-still"), JobType.STILL, line, null, TestJobs.tiny(),
                Map.of("glb_path", glb), "reb-still", null);

        kafka.send(longJob);
        kafka.awaitEvents(longJob.jobId(), events -> events.stream().anyMatch(e -> e.eventType() == RenderEventType.STARTED),
                Duration.ofSeconds(180));
        joinAndLeaveTheGroup();
        kafka.send(still);

        List<RenderEvent> stillEvents = kafka.awaitOutcome(still.jobId());
        List<RenderEvent> longEvents = kafka.awaitOutcome(longJob.jobId());
        RenderEvent stillDone = first(stillEvents, RenderEventType.COMPLETED);
        RenderEvent longDone = first(longEvents, RenderEventType.COMPLETED);
        assertTrue(stillDone.occurredAt().isBefore(longDone.occurredAt()), "the still completed "
                + stillDone.occurredAt() + ", only after the running turntable completed " + longDone.occurredAt());
        // the turntable was delivered once: a re-delivery waits on its lock and replays its outcome right after it
        List<RenderEvent> settled = kafka.drain(longJob.jobId(), Duration.ofSeconds(3));
        assertEquals(1, settled.stream().filter(KafkaJobs::isOutcome).count(), "outcomes of the turntable: " + settled);
    }

    /** A member of the worker's group subscribed to another topic joins (a rebalance) and leaves (another one). */
    private void joinAndLeaveTheGroup() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId, ConsumerConfig.CLIENT_ID_CONFIG, "rebalance-trigger",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RenderJobConsumer.ASSIGNMENT_STRATEGY);
        try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            member.subscribe(List.of(Topics.RENDER_JOBS.deadLetterTopic()));
            for (int i = 0; i < 300 && member.assignment().isEmpty(); i++) {
                member.poll(Duration.ofMillis(100));
            }
            assertFalse(member.assignment().isEmpty(), "the extra member never joined the group");
        }
    }

    private static RenderEvent first(List<RenderEvent> events, RenderEventType type) {
        return events.stream().filter(e -> e.eventType() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }
}
