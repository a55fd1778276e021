package com.hartomat.inbound;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.TopicContract;
import io.smallrye.mutiny.Uni;
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
