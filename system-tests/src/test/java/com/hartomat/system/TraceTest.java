package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import com.hartomat.system.support.TraceCollector;
import com.hartomat.system.support.TraceCollector.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One trace follows a shadow order line through the suite, as an OpenTelemetry collector receives it from the
 * services: dispatch's HTTP request, the render jobs through the outbox and {@code render.jobs.v1}, the worker's job
 * spans with Blender's, and dispatch handling the worker's events. Every span's parent is in the trace: one connected
 * tree. Not yet in it: the messages dispatch writes while handling those events (the comparison request, the run's
 * later status events) and so comparison-service's judgement (docs/dispatch.md#tracing).
 */
class TraceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void oneTraceFollowsAShadowLineFromTheDispatchRequestThroughTheWorkerBackIntoDispatch() {
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("traced");
        s.template(category, null, null);
        String workflow = s.workflow("System trace", Tiny.graph(s.blueprint("still"), "graph"));
        String outputType = s.outputType(workflow, "still_image", Tiny.still());
        s.dispatch.put("/api/rollout/output-types/" + outputType,
                Map.of("mode", "shadow", "reason", "system test: one trace through the suite")).expect(200);
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);
        s.awaitTemplateKnown(workflow, line.id());

        JsonNode dispatched = s.dispatchLine(line.id());
        String observerRun = dispatched.path("shadow_workflow_run_id").asText();
        s.awaitComparison(observerRun, outputType);

        TraceCollector collector = s.stack.traces();
        ReceivedSpan request = Awaitility.await().atMost(WAIT).until(() -> collector.all().stream()
                .filter(span -> span.service().equals("dispatch-service") && span.kind() == SpanKind.SPAN_KIND_SERVER
                        // url.path (or http.target in older conventions) names the order line
                        && span.attributes().values().stream().anyMatch(v -> v.contains(line.id() + "/dispatch")))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        String traceId = request.traceId();

        // the spans arrive in batches: wait until every hop is there and every parent has arrived
        // not yet: comparison-service's span (the comparison request dispatch writes while handling the observer's
        // completion does not carry the trace yet, docs/dispatch.md#tracing)
        Set<String> expectedHops = Set.of("dispatch-service SERVER", "render-worker job", "render-worker blender",
                "dispatch-service CONSUMER render.events.v1");
        List<ReceivedSpan> trace = collector.trace(traceId);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && !(hops(trace).containsAll(expectedHops) && orphans(trace, request).isEmpty())) {
            sleep(500);
            trace = collector.trace(traceId);
        }

        String summary = trace.stream().map(sp -> sp.service() + " " + sp.kind() + " " + sp.name())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        assertTrue(hops(trace).containsAll(expectedHops), "hops in the trace " + hops(trace) + ", expected "
                + expectedHops + summary);
        assertTrue(orphans(trace, request).isEmpty(), "spans whose parent is not in the trace: "
                + orphans(trace, request) + summary);
        assertEquals(Set.of("dispatch-service", "render-worker"),
                trace.stream().map(ReceivedSpan::service).filter(sv -> !sv.equals("workflow-registry"))
                        .collect(Collectors.toSet()), summary);
        long jobs = trace.stream().filter(sp -> sp.service().equals("render-worker") && sp.kind() == SpanKind.SPAN_KIND_CONSUMER)
                .count();
        assertTrue(jobs >= 2, "legacy's and the observer's render jobs are in the trace: " + summary);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The kinds of hop a trace holds, e.g. {@code render-worker job}. */
    private static Set<String> hops(List<ReceivedSpan> spans) {
        return spans.stream().map(sp -> {
            if (sp.service().equals("render-worker")) {
                return sp.kind() == SpanKind.SPAN_KIND_CONSUMER ? "render-worker job"
                        : sp.name().toLowerCase(java.util.Locale.ROOT).contains("blender") ? "render-worker blender"
                        : "render-worker other";
            }
            String kind = sp.kind().name().replace("SPAN_KIND_", "");
            String topic = sp.name().contains(".v1") ? " " + sp.name().substring(0, sp.name().indexOf(".v1") + 3) : "";
            return sp.service() + " " + kind + (kind.equals("CONSUMER") ? topic : "");
        }).collect(Collectors.toSet());
    }

    /** Spans (other than the request, the root here) whose parent has not arrived. */
    private static List<ReceivedSpan> orphans(List<ReceivedSpan> spans, ReceivedSpan root) {
        Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        return spans.stream().filter(sp -> sp != root && !sp.spanId().equals(root.spanId()))
                .filter(sp -> sp.parentSpanId().isEmpty() || !ids.contains(sp.parentSpanId())).toList();
    }
}
