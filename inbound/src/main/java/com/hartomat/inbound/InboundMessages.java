package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.TopicContract;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What every {@code @Incoming} method of the suite does around its handling: decode, settle, stay on its context. */
public final class InboundMessages {

    private InboundMessages() {
    }

    /**
     * The record's message, or a failure that dead-letters it at stage {@code consume}: no value (a tombstone), or the
     * contract violation {@link ContractBreaches} turned into a payload.
     */
    public static <T> Uni<T> decoded(Message<ConsumedRecord> message, TopicContract<T> contract) {
        ConsumedRecord record = message.getPayload();
        if (record == null) {
            return Uni.createFrom().failure(() -> noValue(contract));
        }
        if (record.violation() != null) {
            return Uni.createFrom().failure(record.violation());
        }
        return Uni.createFrom().item(contract.type().cast(record.message()));
    }

    /**
     * Acknowledges the message once {@code handling} succeeded, nacks it (to the failure strategy) when it failed. Never
     * fails: a failing stream would stop the channel for good.
     */
    public static Uni<Void> settle(Message<?> message, Uni<?> handling) {
        return handling.onItemOrFailure().transformToUni((ignored, failure) ->
                Uni.createFrom().completionStage(failure == null ? message.ack() : message.nack(failure)));
    }

    /**
     * The trace context of the message: the consumer span SmallRye's Kafka connector opened for it (a child of the
     * context the record's {@code traceparent} header carries), or the current one when the connector does not trace.
     * The connector makes it current on the message's Vert.x context while the {@code @Incoming} method is called;
     * work that continues on another thread (a worker pool) takes it along explicitly. The reactive SQL client's
     * callbacks run on the message's Vert.x context, where Quarkus OpenTelemetry keeps the current context: there
     * {@link #traced} is enough.
     */
    public static io.opentelemetry.context.Context traceContext(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElseGet(io.opentelemetry.context.Context::current);
    }

    /**
     * {@code handling} with the message's trace context ({@link #traceContext}, taken now, while the connector has it
     * current) made current again when it is subscribed and until it ends: the connector's scope is closed by then.
     * Work that leaves the message's Vert.x context still has to take the context along itself.
     */
    public static <T> Uni<T> traced(Message<?> message, java.util.function.Supplier<Uni<T>> handling) {
        io.opentelemetry.context.Context trace = traceContext(message);
        return Uni.createFrom().deferred(() -> {
            Scope scope = trace.makeCurrent();
            Uni<T> started;
            try {
                started = handling.get();
            } catch (RuntimeException e) {
                scope.close();
                return Uni.createFrom().failure(e);
            }
            return started.onTermination().invoke(scope::close);
        });
    }

    /** Runs tasks on the caller's Vert.x context (right away when already on it), or inline outside one. */
    public static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    private static ContractViolation noValue(TopicContract<?> contract) {
        try {
            contract.decode(null);
            return new ContractViolation(contract.topic(), "message has no value", "");
        } catch (ContractViolation violation) {
            return violation;
        }
    }
}
