package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Scenario;
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
 * spans with Blender's, dispatch handling the worker's events, the comparison request dispatch writes while handling
 * the shadow pair's completion, comparison-service judging it, and dispatch handling the verdict. Every span's parent
 * is in the trace: one connected tree.
 */
class TraceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void oneTraceFollowsAShadowLineFromTheDispatchRequestThroughTheWorkerAndTheComparisonBackIntoDispatch() {
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("traced");
        s.template(category, null, null);
        Scenario.ShadowStill shadow = s.shadowStill("System trace", "system test: one trace through the suite");
        String workflow = shadow.workflowId();
        String outputType = shadow.outputTypeId();
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
        Set<String> expectedHops = Set.of("dispatch-service SERVER", "render-worker job", "render-worker blender",
                "dispatch-service CONSUMER render.events.v1", "comparison-service CONSUMER comparison.requests.v1",
                "dispatch-service CONSUMER comparison.verdicts.v1");
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
        assertEquals(Set.of("dispatch-service", "render-worker", "comparison-service"),
                trace.stream().map(ReceivedSpan::service).filter(sv -> !sv.equals("workflow-registry"))
                        .collect(Collectors.toSet()), summary);
        long jobs = trace.stream().filter(sp -> sp.service().equals("render-worker") && sp.kind() == SpanKind.SPAN_KIND_CONSUMER)
                .count();
        assertTrue(jobs >= 2, "legacy's and the observer's render jobs are in the trace: " + summary);
        // the comparison request continues dispatch's handling of a render event, the verdict comparison-service's
        // handling of the request: each consumer span descends from the span that was current when its record was written
        ReceivedSpan judged = consumer(trace, "comparison-service", "comparison.requests.v1", summary);
        assertTrue(ancestorHops(trace, judged).contains("dispatch-service CONSUMER render.events.v1"),
                "the comparison request was written while dispatch handled a render event" + summary);
        ReceivedSpan verdict = consumer(trace, "dispatch-service", "comparison.verdicts.v1", summary);
        assertTrue(ancestorHops(trace, verdict).contains("comparison-service CONSUMER comparison.requests.v1"),
                "the verdict was written while comparison-service handled the request" + summary);
    }

    /** The hops of a span's ancestors in the trace, nearest first. */
    private static List<String> ancestorHops(List<ReceivedSpan> trace, ReceivedSpan span) {
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, sp -> sp,
                (a, b) -> a));
        List<String> hops = new java.util.ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null && hops.size() < trace.size();
                parent = byId.get(parent.parentSpanId())) {
            hops.addAll(hops(List.of(parent)));
        }
        return hops;
    }

    private static ReceivedSpan consumer(List<ReceivedSpan> trace, String service, String topic, String summary) {
        return trace.stream().filter(sp -> sp.service().equals(service) && sp.kind() == SpanKind.SPAN_KIND_CONSUMER
                && sp.name().startsWith(topic)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " consuming " + topic + " is not in the trace" + summary));
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
