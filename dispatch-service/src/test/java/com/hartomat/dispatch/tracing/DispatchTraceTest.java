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
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
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
 * dispatch handles the completion in a consumer span of the same trace, a child of the worker's span.
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
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String clientSpanId = traceId.substring(16);

        String runId = given().header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .extract().path("workflow_run_id");
        String jobId = (String) fx.scalar("SELECT job_id FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId);

        ConsumerRecord<String, byte[]> jobRecord = renderJob(line.orderLineId(), jobId);
        String[] jobTrace = traceparent(jobRecord);
        assertEquals(traceId, jobTrace[1], "the render job record continues the dispatch request's trace");
        SpanData request = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER);
        assertEquals(clientSpanId, request.getParentSpanId());

        // the worker's side, as JobTraceTest shows it: its events carry the job's trace with its own span as parent
        String workerSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        RenderJob job = Topics.RENDER_JOBS.decode(jobRecord.value());
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, jobId, completed(job),
                Map.of("traceparent", "00-" + traceId + "-" + workerSpanId + "-01"));

        Awaitility.await().atMost(WAIT).until(() -> "completed".equals(fx.scalar(
                "SELECT status FROM workflow_runs WHERE id = ?::uuid", runId)));
        SpanData consumed = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER
                && s.getName().startsWith("render.events.v1"));
        assertEquals(workerSpanId, consumed.getParentSpanId(), "dispatch consumes the event in the worker's trace");

        // every status record of the run carries the trace: those written in the dispatch request's transaction, and
        // those written while the completion was handled, as children of dispatch's consumer span
        List<ConsumerRecord<String, byte[]>> statuses = Awaitility.await().atMost(WAIT).until(
                () -> com.hartomat.dispatch.support.Topics.read(Topics.RUNS_STATUS.topic(), runId, Integer.MAX_VALUE,
                        Duration.ofSeconds(3)),
                records -> records.stream().anyMatch(r -> isRunCompleted(Topics.RUNS_STATUS.decode(r.value()))));
        assertTrue(statuses.size() >= 4, "the run's status records: " + statuses.size());
        int handled = 0;
        List<String> untraced = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> status : statuses) {
            RunStatusEvent event = Topics.RUNS_STATUS.decode(status.value());
            String what = "#" + event.sequence() + " " + event.scope() + " " + event.nodeId() + " " + event.status();
            Header header = status.headers().lastHeader("traceparent");
            if (header == null) {
                untraced.add(what + ": no traceparent");
                continue;
            }
            String[] parent = new String(header.value(), StandardCharsets.UTF_8).split("-");
            if (!traceId.equals(parent[1])) {
                untraced.add(what + ": trace " + parent[1]);
            } else if (event.status() == RunStatus.COMPLETED) {
                handled++;
                if (!consumed.getSpanId().equals(parent[2])) {
                    untraced.add(what + ": parent " + parent[2] + ", not dispatch's consumer span " + consumed.getSpanId());
                }
            }
        }
        assertEquals(List.of(), untraced, "status records outside the dispatch's trace (of " + statuses.size() + ")");
        assertTrue(handled >= 2, "the node's and the run's completion: " + handled);
    }

    private static boolean isRunCompleted(RunStatusEvent event) {
        return "run".equals(String.valueOf(event.scope()).toLowerCase(java.util.Locale.ROOT))
                && event.status() == RunStatus.COMPLETED;
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

    private static RenderEvent completed(RenderJob job) {
        Instant now = Instant.now();
        String line = job.context().orderLineId();
        Artifact still = new Artifact("still", "renders/" + line + "/line_" + line + ".png", "image/png",
                "0".repeat(64), 1234, 64, 64, null);
        return new RenderEvent(UUID.randomUUID().toString(), job.jobId(), RenderEventType.COMPLETED, job.jobType(),
                job.executionMode(), job.workflowRunId(), job.workflowNodeId(), job.context(), "test-worker", 1, now,
                job.publication(), null, List.of(still), Map.of(), new Timings(5L, now.minusMillis(100), now, 100L),
                null);
    }
}
