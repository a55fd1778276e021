package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRow;

/**
 * Queues a render job by turning it into an outbox row (validated against {@code render.jobs.v1}) that the caller
 * writes in the dispatch transaction.
 *
 * <p>A seam on purpose: the reference forces "graph queuing throws" and "observer queuing throws" with monkeypatches.
 * The production bean is {@link OutboxJobQueue}; tests swap in a CDI alternative that throws for chosen order lines
 * and roles. Database and Kafka stay real.
 */
public interface RenderJobQueue {

    enum Role { LEGACY, GRAPH, OBSERVER }

    OutboxRow stage(RenderJob job, Role role);
}
