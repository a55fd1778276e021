package com.hartomat.dispatch.support;

import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.dispatch.messaging.DomainHandlers;
import com.hartomat.dispatch.messaging.InboundHandlers;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Test-only {@link InboundHandlers}: the production handlers, except for messages a test armed by id (registry entity
 * id, verdict run id, render event id or job id). Armed messages can find the database unreachable for their first
 * attempts, fail with a given exception, or be held until the test releases them. Every attempt and every successful
 * handling is recorded in order.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedInboundHandlers implements InboundHandlers {

    private static final Map<String, AtomicInteger> UNREACHABLE = new ConcurrentHashMap<>();
    private static final Map<String, Supplier<RuntimeException>> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Void>> HOLDS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static final Queue<String> HANDLED = new ConcurrentLinkedQueue<>();
    private static final java.util.Set<String> ABSORBED = ConcurrentHashMap.newKeySet();

    private final DomainHandlers real;

    public ScriptedInboundHandlers(DomainHandlers real) {
        this.real = real;
    }

    /** The first {@code attempts} handlings of the message find the database connection closed. */
    public static void unreachableFor(String id, int attempts) {
        UNREACHABLE.put(id, new AtomicInteger(attempts));
    }

    /** Every handling of the message fails with this exception. */
    public static void failWith(String id, Supplier<RuntimeException> failure) {
        FAILURES.put(id, failure);
    }

    /**
     * The message (by id, or a render event by job id) is acknowledged without reaching the production handler: for
     * transport tests whose render events name jobs that no dispatch created (the run lifecycle refuses those).
     */
    public static void absorb(String id) {
        ABSORBED.add(id);
    }

    /** Handling the message waits until {@link #release}. */
    public static void hold(String id) {
        HOLDS.put(id, new CompletableFuture<>());
    }

    public static void release(String id) {
        HOLDS.get(id).complete(null);
    }

    public static int attempts(String id) {
        AtomicInteger n = ATTEMPTS.get(id);
        return n == null ? 0 : n.get();
    }

    /** Ids of the messages handled successfully, in the order their handling completed. */
    public static List<String> handled() {
        return List.copyOf(HANDLED);
    }

    @Override
    public Uni<?> registryChange(RegistryChange change) {
        return scripted(change.entityId(), null, () -> real.registryChange(change));
    }

    @Override
    public Uni<?> verdict(ComparisonVerdict verdict) {
        return scripted(verdict.workflowRunId(), null, () -> real.verdict(verdict));
    }

    @Override
    public Uni<?> renderEvent(RenderEvent event) {
        return scripted(event.eventId(), event.jobId(), () -> real.renderEvent(event));
    }

    private Uni<?> scripted(String id, String otherId, Supplier<Uni<?>> handle) {
        ATTEMPTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        for (String armed : otherId == null ? List.of(id) : List.of(id, otherId)) {
            AtomicInteger unreachable = UNREACHABLE.get(armed);
            if (unreachable != null && unreachable.getAndDecrement() > 0) {
                return Uni.createFrom().failure(ClosedConnectionException.INSTANCE);
            }
            Supplier<RuntimeException> failure = FAILURES.get(armed);
            if (failure != null) {
                return Uni.createFrom().failure(failure.get());
            }
        }
        CompletableFuture<Void> hold = HOLDS.get(id);
        Uni<Void> gate = hold == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(hold);
        boolean absorbed = ABSORBED.contains(id) || otherId != null && ABSORBED.contains(otherId);
        Supplier<Uni<?>> target = absorbed ? () -> Uni.createFrom().voidItem() : handle;
        return gate.chain(target).invoke(() -> HANDLED.add(id));
    }
}
