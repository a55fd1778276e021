package com.hartomat.contracts.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of a message, as message headers: written into an
 * outbox row when the row is written (so it commits with the row and the relay puts it into the Kafka record's
 * headers), and read back by a consumer to continue the trace. It uses OpenTelemetry's own W3C propagator; with no
 * span current (tracing off, or outside any request) nothing is added.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> carrier.put(key, value);
    private static final TextMapGetter<Headers> KAFKA_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return () -> java.util.Arrays.stream(carrier.toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceHeaders() {
    }

    /** {@code headers} plus the current context's trace headers (an existing {@code traceparent} is replaced). */
    public static Map<String, String> withCurrentContext(Map<String, String> headers) {
        return with(Context.current(), headers);
    }

    /** {@code headers} plus the trace headers of {@code trace} (an existing {@code traceparent} is replaced). */
    public static Map<String, String> with(Context trace, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.keySet().removeAll(List.of(TRACEPARENT, TRACESTATE));
        W3C.inject(trace, out, MAP_SETTER);
        return out;
    }

    /** The context a Kafka record's headers carry, on top of the root context (no parent when they carry none). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_GETTER);
    }

    /** The context message headers carry (e.g. an outbox row's), on top of the root context. */
    public static Context extract(Map<String, String> headers) {
        return W3C.extract(Context.root(), headers, MAP_GETTER);
    }
}
