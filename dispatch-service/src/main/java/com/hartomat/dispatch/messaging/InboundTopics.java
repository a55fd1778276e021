package com.hartomat.dispatch.messaging;

import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.inbound.ConsumedRecord;
import com.hartomat.inbound.InboundMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.TransactionRollbackException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * This service's consumers (SmallRye Reactive Messaging, channels configured in application.properties): registry
 * changes, comparison verdicts and render events, each handed to its {@link InboundHandlers} method. Transport only.
 *
 * <p>Each channel copy handles one record at a time, so a partition's records are handled in order; a record is
 * acknowledged (its offset becomes committable) only after its handling completed. A record that broke its contract or
 * whose handling failed is nacked and dead-lettered by {@link com.hartomat.inbound.DeadLetterStrategy}. A database that cannot be reached
 * is not the record's fault: the handling is retried with back-off, and the partition waits meanwhile.
 */
@ApplicationScoped
public class InboundTopics {

    private static final Logger LOG = Logger.getLogger(InboundTopics.class);

    /** Upper bound of one handling attempt; a handling that takes longer is treated like an unreachable database. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final InboundHandlers handlers;

    public InboundTopics(InboundHandlers handlers) {
        this.handlers = handlers;
    }

    @Incoming("registry-changes")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> registryChanges(Message<ConsumedRecord> message) {
        return consume(message, Topics.REGISTRY_CHANGES, handlers::registryChange);
    }

    @Incoming("comparison-verdicts")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> comparisonVerdicts(Message<ConsumedRecord> message) {
        return consume(message, Topics.COMPARISON_VERDICTS, handlers::verdict);
    }

    @Incoming("render-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> renderEvents(Message<ConsumedRecord> message) {
        return consume(message, Topics.RENDER_EVENTS, handlers::renderEvent);
    }

    /** Never fails: every outcome is an ack or a nack (a failing stream would stop the channel for good). */
    private <T> Uni<Void> consume(Message<ConsumedRecord> message, TopicContract<T> contract,
            Function<T, Uni<?>> handler) {
        return InboundMessages.settle(message, InboundMessages.traced(message, () -> InboundMessages.decoded(message,
                contract).flatMap(decoded -> handle(message, decoded, handler))));
    }

    private <T> Uni<?> handle(Message<ConsumedRecord> message, T decoded, Function<T, Uni<?>> handler) {
        Executor onMessageContext = InboundMessages.onCurrentContext();
        return Uni.createFrom().deferred(() -> handler.apply(decoded))
                // the first attempt runs right here; a retry comes back to the message's Vert.x context
                .runSubscriptionOn(onMessageContext)
                .ifNoItem().after(ATTEMPT_TIMEOUT).fail()
                .onFailure(InboundTopics::databaseUnreachable).invoke(failure -> LOG.warnf(
                        "%s not handled, the database is unreachable; retrying: %s", where(message), failure.toString()))
                .onFailure(InboundTopics::databaseUnreachable).retry()
                .withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }

    /**
     * The database is unreachable, not the message wrong: a Vert.x error, Vert.x's stackless connection-state failures
     * ({@code Pool closed}, as while the service shuts down), a refused connection, or a timeout (connection
     * acquisition, or an attempt over {@link #ATTEMPT_TIMEOUT}) — unless the database answered: a
     * {@link DatabaseException} anywhere among the causes (or a rolled-back transaction) is the message's handling.
     */
    static boolean databaseUnreachable(Throwable failure) {
        boolean unreachable = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException || t instanceof TransactionRollbackException) {
                return false;
            }
            unreachable |= t instanceof VertxException || t instanceof NoStackTraceThrowable
                    || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException;
        }
        return unreachable;
    }

    private static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("a record");
    }
}
