package com.hartomat.dispatch.support;

import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.runtime.OutboxJobQueue;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only {@link RenderJobQueue}: the production outbox queue, except for order lines a test armed to fail in a
 * given role (the reference's monkeypatched {@code execute_graph_workflow}), or to hand back a row the database
 * refuses (to prove a dispatch commits all or nothing).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedJobQueue implements RenderJobQueue {

    private static final Map<String, String> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> CORRUPT = new ConcurrentHashMap<>();

    private final OutboxJobQueue real;

    public ScriptedJobQueue(OutboxJobQueue real) {
        this.real = real;
    }

    public static void failFor(String contextKey, Role role, String message) {
        FAILURES.put(contextKey + "/" + role, message);
    }

    public static void corruptFor(String contextKey) {
        CORRUPT.put(contextKey, true);
    }

    @Override
    public OutboxRow stage(RenderJob job, Role role) {
        String failure = FAILURES.get(job.key() + "/" + role);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        OutboxRow row = real.stage(job, role);
        if (CORRUPT.containsKey(job.key()) && role != Role.LEGACY) {
            return new OutboxRow(row.topic(), row.key(), null, row.headersJson());
        }
        return row;
    }
}
