package com.hartomat.dispatch.tracing;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch's hops of one trace: the dispatch request's trace leaves with the render job and the run's first status
 * records (stored with their outbox rows in the request's transaction, relayed as the records' {@code traceparent});
 * the worker's events come back in that trace (render-worker's JobTraceTest proves the worker sends them so) and
 * dispatch handles the completion in a consumer span of the same trace, a child of the worker's span. The records
 * written while that event is handled (the run's later status events, a graph's next render job) continue the trace
 * as children of that consumer span.
 */
@QuarkusTest
class DispatchTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Inject
    InMemorySpanExporter spans;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @Test
    void oneTraceRunsFromTheDispatchRequestThroughTheRenderJobIntoTheHandlingOfTheWorkersEvent() {
        String wf = fx.workflow(Graphs.still("graph", 64, 64, true, false), true);
        Line line = fx.renderableLine(fx.outputType(wf, "still_image", null));
        String traceId = newTraceId();
        String clientSpanId = traceId.substring(16);

        String runId = given().header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .extract().path("workflow_run_id");
        String jobId = (String) fx.scalar("SELECT job_id FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId);

        ConsumerRecord<String, byte[]> jobRecord = renderJob(line.orderLineId(), jobId);
        assertEquals(traceId, traceparent(jobRecord)[1], "the render job record continues the dispatch request's trace");
        SpanData request = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER);
        assertEquals(clientSpanId, request.getParentSpanId());
        List<ConsumerRecord<String, byte[]>> dispatched = statuses(runId);
        assertEquals(2, dispatched.size(), "the run's first status records");
        for (ConsumerRecord<String, byte[]> status : dispatched) {
            assertEquals(traceId, traceparent(status)[1], describe(status));
        }

        // the worker's side, as JobTraceTest shows it: its events carry the job's trace with its own span as parent
        String workerSpanId = newSpanId();
        RenderJob job = Topics.RENDER_JOBS.decode(jobRecord.value());
        String path = "renders/" + line.orderLineId() + "/line_" + line.orderLineId() + ".png";
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, jobId, completed(job,
                List.of(new Artifact("still", path, "image/png", "0".repeat(64), 1234, 64, 64, null)), Map.of()),
                Map.of("traceparent", "00-" + traceId + "-" + workerSpanId + "-01"));

        Awaitility.await().atMost(WAIT).until(() -> "completed".equals(fx.scalar(
                "SELECT status FROM workflow_runs WHERE id = ?::uuid", runId)));
        SpanData consumed = consumerSpan(traceId);
        assertEquals(workerSpanId, consumed.getParentSpanId(), "dispatch consumes the event in the worker's trace");

        // the status records written while the completion was handled continue the consumer span's trace, as children
        List<ConsumerRecord<String, byte[]>> handled = statuses(runId);
        assertTrue(handled.size() > dispatched.size(), "the completion wrote status records: " + handled.size());
        for (ConsumerRecord<String, byte[]> status : handled.subList(dispatched.size(), handled.size())) {
            String[] parent = traceparent(status);
            assertEquals(traceId, parent[1], describe(status));
            assertEquals(consumed.getSpanId(), parent[2], describe(status) + ": a child of dispatch's consumer span");
        }
    }

    @Test
    void theNextJobOfAGraphWrittenWhileAnEventIsHandledContinuesTheEventsTrace() {
        String cad = fx.uploadStep("traced-intake.step");
        String wf = fx.workflow(WorkflowConfigs.blueprint("cad_intake"), true);
        String traceId = newTraceId();
        String runId = given().header("traceparent", "00-" + traceId + "-" + newSpanId() + "-01")
                .post("/api/workflows/" + wf + "/dispatch?context_id=" + cad).then().statusCode(200)
                .extract().path("workflow_run.id");
        String extractJob = jobOf(runId, "extract");
        ConsumerRecord<String, byte[]> extractRecord = renderJob(cad, extractJob);
        assertEquals(traceId, traceparent(extractRecord)[1]);

        String workerSpanId = newSpanId();
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, extractJob,
                completed(Topics.RENDER_JOBS.decode(extractRecord.value()), List.of(), Map.of("parsed_objects",
                        Map.of("part_names", List.of("nut", "rod")), "task_name", "extract")),
                Map.of("traceparent", "00-" + traceId + "-" + workerSpanId + "-01"));

        String glbJob = Awaitility.await().atMost(WAIT).until(() -> jobOf(runId, "glb"), java.util.Objects::nonNull);
        SpanData consumed = consumerSpan(traceId);
        assertEquals(workerSpanId, consumed.getParentSpanId());
        String[] next = traceparent(renderJob(cad, glbJob));
        assertEquals(traceId, next[1], "the next render job continues the event's trace");
        assertEquals(consumed.getSpanId(), next[2], "the next render job is a child of dispatch's consumer span");
    }

    private String jobOf(String runId, String node) {
        return (String) fx.scalar("SELECT job_id FROM workflow_node_results WHERE run_id = ?::uuid AND node_name = ?",
                runId, node);
    }

    /** Every status record of the run so far: as many as the run's events dispatch kept in run_events. */
    private List<ConsumerRecord<String, byte[]>> statuses(String runId) {
        int kept = ((Number) fx.scalar("SELECT count(*) FROM run_events WHERE run_id = ?::uuid", runId)).intValue();
        List<ConsumerRecord<String, byte[]>> records = com.hartomat.dispatch.support.Topics.read(
                Topics.RUNS_STATUS.topic(), runId, kept, WAIT);
        assertEquals(kept, records.size(), "runs.status.v1 records of run " + runId);
        return records;
    }

    private static String describe(ConsumerRecord<String, byte[]> status) {
        RunStatusEvent event = Topics.RUNS_STATUS.decode(status.value());
        return "runs.status.v1 #" + event.sequence() + " " + event.scope() + " " + event.status();
    }

    private SpanData consumerSpan(String traceId) {
        return awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER
                && s.getName().startsWith("render.events.v1"));
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String newSpanId() {
        return newTraceId().substring(0, 16);
    }

    private static ConsumerRecord<String, byte[]> renderJob(String key, String jobId) {
        return com.hartomat.dispatch.support.Topics.read(Topics.RENDER_JOBS.topic(), key, Integer.MAX_VALUE,
                Duration.ofSeconds(5)).stream()
                .filter(r -> Topics.RENDER_JOBS.decode(r.value()).jobId().equals(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError("render job " + jobId + " not on render.jobs.v1"));
    }

    private static String[] traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "no traceparent on " + record.topic() + " record " + record.key());
        return new String(header.value(), StandardCharsets.UTF_8).split("-");
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> match) {
        return Awaitility.await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream().filter(match).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static RenderEvent completed(RenderJob job, List<Artifact> artifacts, Map<String, Object> outputs) {
        Instant now = Instant.now();
        return new RenderEvent(UUID.randomUUID().toString(), job.jobId(), RenderEventType.COMPLETED, job.jobType(),
                job.executionMode(), job.workflowRunId(), job.workflowNodeId(), job.context(), "test-worker", 1, now,
                job.publication(), null, artifacts, outputs, new Timings(5L, now.minusMillis(100), now, 100L), null);
    }
}
