package com.hartomat.contracts.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps spans in the process unless an OTLP endpoint is configured. quarkus-opentelemetry exports to
 * {@code http://localhost:4317} when no endpoint is set (and logs every failed export), unless the application has a
 * {@link SpanExporter} bean of its own; this bean is that exporter, exporting nothing, and it exists for lookup only
 * while neither {@code quarkus.otel.exporter.otlp.endpoint} nor {@code quarkus.otel.exporter.otlp.traces.endpoint} is
 * set. With one of them set (e.g. {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317}) Quarkus' own
 * OTLP exporter sends the spans there. Spans, trace context propagation and the trace ids in the logs work either way.
 */
@Singleton
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = NoExportWithoutEndpoint.NEVER,
        lookupIfMissing = true)
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = NoExportWithoutEndpoint.NEVER,
        lookupIfMissing = true)
public class NoExportWithoutEndpoint implements SpanExporter {

    /** No endpoint is ever this: the bean is looked up only when the key is missing. */
    static final String NEVER = "\u0000no endpoint";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
