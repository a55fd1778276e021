package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRow;
import jakarta.enterprise.context.ApplicationScoped;

/** The production {@link RenderJobQueue}: a validated outbox row keyed by the job's context. */
@ApplicationScoped
public class OutboxJobQueue implements RenderJobQueue {

    @Override
    public OutboxRow stage(RenderJob job, Role role) {
        return OutboxRow.of(Topics.RENDER_JOBS, job.key(), job);
    }
}
