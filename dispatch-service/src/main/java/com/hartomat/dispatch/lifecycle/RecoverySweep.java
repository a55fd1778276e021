package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.dispatch.DispatchConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The recovery sweep, periodic (quarkus-scheduler) and once at start-up: releases held retries whose back-off has
 * passed to the outbox, and recovers lost jobs ({@link RunLifecycle#recoverLost}). Safe with several replicas: a held
 * job is released by one statement that skips rows another transaction holds, and a lost job is recovered under its
 * row lock ({@code FOR UPDATE SKIP LOCKED}) after deciding again on the locked row, so it is re-queued once.
 */
@ApplicationScoped
public class RecoverySweep {

    private static final Logger LOG = Logger.getLogger(RecoverySweep.class);

    /** What one sweep did. */
    public record Result(int released, int recovered) {
    }

    private final Pool pool;
    private final LifecycleStore store;
    private final RunLifecycle lifecycle;
    private final OutboxRelayLifecycle relay;
    private final Clock clock;
    private final DispatchConfig.LostJobs config;
    private final AtomicReference<Uni<Result>> startup = new AtomicReference<>();

    public RecoverySweep(Pool pool, LifecycleStore store, RunLifecycle lifecycle, OutboxRelayLifecycle relay,
            Clock clock, DispatchConfig config) {
        this.pool = pool;
        this.store = store;
        this.lifecycle = lifecycle;
        this.relay = relay;
        this.clock = clock;
        this.config = config.lostJobs();
    }

    /** Runs left behind by a crash: the same sweep at once, not one interval later. */
    void onStart(@Observes StartupEvent event) {
        if (!config.startupSweep()) {
            return;
        }
        Uni<Result> sweep = sweep(clock.instant()).memoize().indefinitely();
        startup.set(sweep);
        sweep.subscribe().with(r -> LOG.infof("start-up recovery sweep: %d held job(s) released, %d lost job(s) "
                + "recovered", r.released(), r.recovered()), e -> LOG.warn("start-up recovery sweep failed", e));
    }

    /** The start-up sweep's outcome (null when it is off). */
    public Uni<Result> startupSweep() {
        return startup.get();
    }

    @Scheduled(identity = "recovery-sweep", every = "${hartomat.lost-jobs.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        return sweep(clock.instant()).onFailure().invoke(e -> LOG.warn("recovery sweep failed", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** One sweep as of {@code now}: held retries that are due go out, then lost jobs are recovered one by one. */
    public Uni<Result> sweep(Instant now) {
        return store.releaseDueJobs(pool, now, config.batchSize()).invoke(released -> {
            if (released > 0) {
                relay.wakeUp();
            }
        }).flatMap(released -> store.silentJobs(pool, now.minus(lifecycle.lostJobs().shortestTimeout()),
                config.batchSize()).flatMap(candidates -> Multi.createFrom().iterable(candidates)
                        .filter(c -> lifecycle.lostJobs().lost(c, now))
                        .onItem().transformToUniAndConcatenate(c -> lifecycle.recoverLost(c.jobId(), now))
                        .filter(Boolean::booleanValue).collect().asList()
                        .map(recovered -> new Result(released, recovered.size()))));
    }
}
