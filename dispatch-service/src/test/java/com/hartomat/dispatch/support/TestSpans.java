package com.hartomat.dispatch.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every span the service under test ends, kept in memory: quarkus-opentelemetry exports to every {@code SpanExporter}
 * bean (the "cdi" exporter), so tests read the real spans of the real application back from here.
 */
@ApplicationScoped
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
