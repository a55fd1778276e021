package com.hartomat.comparison.messaging;

import com.hartomat.comparison.intake.ComparisonIntake;
import com.hartomat.comparison.store.StoreUnavailable;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.inbound.ConsumedRecord;
import com.hartomat.inbound.InboundMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The consumer of {@code comparison.requests.v1} (SmallRye Reactive Messaging, channel {@code comparison-requests}).
 * Transport only: each record is handed to {@link ComparisonIntake} on a worker thread (decoding images blocks), one
 * at a time per channel, and acknowledged (its offset committable) only after the comparison and its verdict were
 * stored. A record that broke its contract, or whose handling failed, is nacked and dead-lettered by
 * {@link com.hartomat.inbound.DeadLetterStrategy}; a database that cannot be reached is retried with back-off instead.
 */
@ApplicationScoped
public class ComparisonRequests {

    private static final Logger LOG = Logger.getLogger(ComparisonRequests.class);

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final ComparisonIntake intake;

    public ComparisonRequests(ComparisonIntake intake) {
        this.intake = intake;
    }

    @Incoming("comparison-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<ConsumedRecord> message) {
        Executor onMessageContext = InboundMessages.onCurrentContext();
        // the intake runs on a worker thread, outside the message's Vert.x context: it gets the trace context explicitly
        io.opentelemetry.context.Context trace = InboundMessages.traceContext(message);
        return InboundMessages.settle(message, InboundMessages.decoded(message, Topics.COMPARISON_REQUESTS)
                .flatMap(request -> handle(request, trace)).emitOn(onMessageContext));
    }

    private Uni<?> handle(ComparisonRequest request, io.opentelemetry.context.Context trace) {
        return Uni.createFrom().item(trace.wrapSupplier(() -> intake.handle(request)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(StoreUnavailable::is).invoke(failure -> LOG.warnf(
                        "comparison request %s not handled, the database is unreachable; retrying: %s",
                        request.requestId(), failure.toString()))
                .onFailure(StoreUnavailable::is).retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }
}
