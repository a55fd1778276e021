package com.hartomat.contracts.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.outbox.OutboxRow;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Outbox rows take the trace context of the work that writes them; consumers read it back from record headers. */
class TraceHeadersTest {

    private final Tracer tracer = SdkTracerProvider.builder().build().get("test");

    private static Map<String, String> headers(OutboxRow row) throws Exception {
        return Json.mapper().readValue(row.headersJson(), new TypeReference<Map<String, String>>() { });
    }

    @Test
    void aRowWrittenInsideASpanCarriesItsTraceparentBesideItsOwnHeaders() throws Exception {
        Span span = tracer.spanBuilder("request").startSpan();
        OutboxRow row;
        try (Scope ignored = span.makeCurrent()) {
            row = OutboxRow.encoded("render.jobs.v1", "k", "{}", Map.of("x-hartomat-replayed", "true"));
        } finally {
            span.end();
        }
        Map<String, String> headers = headers(row);
        assertEquals("true", headers.get("x-hartomat-replayed"));
        SpanContext context = span.getSpanContext();
        assertEquals("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01", headers.get("traceparent"));
    }

    @Test
    void aRowWrittenOutsideAnySpanCarriesNoTraceHeaders() throws Exception {
        OutboxRow row = OutboxRow.encoded("render.jobs.v1", "k", "{}", Map.of());
        assertEquals("{}", row.headersJson());
    }

    @Test
    void aConsumerContinuesTheTraceOfTheRecordsHeaders() {
        Span span = tracer.spanBuilder("producer").startSpan();
        span.end();
        Map<String, String> sent = TraceHeaders.with(Context.root().with(span), Map.of());
        RecordHeaders record = new RecordHeaders();
        sent.forEach((k, v) -> record.add(k, v.getBytes(StandardCharsets.UTF_8)));

        SpanContext parent = Span.fromContext(TraceHeaders.extract(record)).getSpanContext();
        assertTrue(parent.isRemote());
        assertEquals(span.getSpanContext().getTraceId(), parent.getTraceId());
        assertEquals(span.getSpanContext().getSpanId(), parent.getSpanId());
        assertFalse(Span.fromContext(TraceHeaders.extract(new RecordHeaders())).getSpanContext().isValid());
    }
}
