package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The worker's hop of a dispatch's trace: a job record whose {@code traceparent} names a trace (as dispatch's outbox
 * relay sends it) is rendered in a span of that trace, Blender runs in a child span of the job's span, and every event
 * the job sends back on render.events.v1 carries the same trace in its headers (through the worker's outbox).
 */
@QuarkusTest
class JobTraceTest extends KafkaJobsTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aJobContinuesItsRecordsTraceWithBlenderAsChildSpanAndItsEventsCarryTheTraceBack() {
        String glb = TestJobs.sampleGlb(kafka);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String upstreamSpanId = traceId.substring(0, 16);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("trace"), JobType.STILL, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", glb), null, null);

        kafka.send(job, Map.of("traceparent", "00-" + traceId + "-" + upstreamSpanId + "-01"));
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));

        SpanData jobSpan = awaitSpan(traceId, "render.jobs.v1 process");
        assertEquals(SpanKind.CONSUMER, jobSpan.getKind());
        assertEquals(upstreamSpanId, jobSpan.getParentSpanId(), "the job's span is a child of the record's context");
        assertEquals(job.jobId(), jobSpan.getAttributes().get(AttributeKey.stringKey("hartomat.job_id")));
        SpanData blender = awaitSpan(traceId, "blender");
        assertEquals(jobSpan.getSpanId(), blender.getParentSpanId(), "Blender runs in a child span of the job's span");
        assertEquals(0L, blender.getAttributes().get(AttributeKey.longKey("process.exit.code")));

        List<ConsumerRecord<String, byte[]>> events = kafka.records(job.jobId());
        assertFalse(events.isEmpty());
        for (ConsumerRecord<String, byte[]> event : events) {
            String traceparent = header(event, "traceparent");
            assertNotNull(traceparent, "every event of the job carries the trace context: " + new String(event.value(),
                    StandardCharsets.UTF_8));
            assertEquals(traceId, traceparent.split("-")[1]);
        }
        String completed = header(events.get(events.size() - 1), "traceparent");
        assertEquals(jobSpan.getSpanId(), completed.split("-")[2], "the outcome event's parent is the job's span");
    }

    private SpanData awaitSpan(String traceId, String name) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
