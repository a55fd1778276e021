package com.hartomat.worker.tracing;

import com.hartomat.contracts.tracing.TraceHeaders;
import com.hartomat.worker.blender.ChildProcess;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The worker's spans. Its consumer is its own Kafka loop, not a SmallRye channel, so nothing traces it for it: one
 * span per delivered job, continuing the trace the record's {@code traceparent} header carries (dispatch's request or
 * event, through its outbox), current while the job runs so the events it writes to the outbox carry it back; and a
 * child span around each child process (Blender, gmsh).
 */
public final class JobTracing {

    private final Tracer tracer;

    public JobTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** No spans (tests of the plain classes). */
    public static JobTracing off() {
        return new JobTracing(TracerProvider.noop().get("render-worker"));
    }

    /** Starts the span of one delivery of a {@code render.jobs.v1} record; the caller makes it current and ends it. */
    public Span jobSpan(ConsumerRecord<String, byte[]> record) {
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceHeaders.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("messaging.kafka.message.key", record.key() == null ? "" : record.key())
                .startSpan();
    }

    /** A child process the job runs. */
    @FunctionalInterface
    public interface Run {
        ChildProcess.Outcome run() throws IOException, InterruptedException;
    }

    /**
     * Runs a child process ({@code tool}: {@code blender}, {@code gmsh}) in a span of its own, a child of the current
     * (job) span; the span records the exit code and whether it timed out or was cancelled.
     */
    public ChildProcess.Outcome process(String tool, String jobId, Run run) throws IOException, InterruptedException {
        Span span = tracer.spanBuilder(tool).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("process.executable.name", tool)
                .setAttribute("hartomat.job_id", jobId == null ? "" : jobId)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            ChildProcess.Outcome outcome = run.run();
            span.setAttribute("process.exit.code", outcome.exitCode());
            span.setAttribute("hartomat.timed_out", outcome.timedOut());
            span.setAttribute("hartomat.cancelled", outcome.cancelled());
            if (!outcome.succeeded()) {
                span.setStatus(StatusCode.ERROR, tool + " exited with " + outcome.exitCode()
                        + (outcome.timedOut() ? " (timed out)" : outcome.cancelled() ? " (cancelled)" : ""));
            }
            return outcome;
        } catch (IOException | InterruptedException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, tool + " could not be run");
            throw e;
        } finally {
            span.end();
        }
    }
}
