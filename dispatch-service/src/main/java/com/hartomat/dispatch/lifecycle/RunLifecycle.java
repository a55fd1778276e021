package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.dispatch.DispatchService;
import com.hartomat.dispatch.dispatch.LegacyJobs;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.rollout.AutoHolds;
import com.hartomat.dispatch.runs.JobRecord;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ContextLoader;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import com.hartomat.dispatch.runtime.RunConfig;
import com.hartomat.dispatch.runtime.WorkflowPlanner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one render event to the job, node, run, order line and order it concerns, in one transaction: job and run
 * rows are locked, the decisions are made on the locked rows ({@link RunProgression}, {@link LegacyOutcome},
 * {@link ShadowPair}), and every change is written together with its {@code runs.status.v1} events, new render jobs
 * and comparison requests (outbox rows). Fails with {@link UnknownJob} for a job dispatch never created. Idempotent: a
 * redelivered or out-of-date event changes nothing, because a job and a node only ever move forward.
 */
@ApplicationScoped
public class RunLifecycle {

    private final Pool pool;
    private final LifecycleStore store;
    private final ContextLoader contexts;
    private final RegistryReadModel readModel;
    private final WorkflowPlanner planner;
    private final RenderJobQueue queue;
    private final OutboxRelayLifecycle relay;
    private final Metrics metrics;
    private final AutoHolds autoHolds;
    private final Clock clock;
    private final LostJobs lostJobs;

    public RunLifecycle(Pool pool, LifecycleStore store, ContextLoader contexts, RegistryReadModel readModel,
            WorkflowPlanner planner, RenderJobQueue queue, OutboxRelayLifecycle relay, Metrics metrics,
            AutoHolds autoHolds, DispatchConfig config, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.contexts = contexts;
        this.readModel = readModel;
        this.planner = planner;
        this.queue = queue;
        this.relay = relay;
        this.metrics = metrics;
        this.autoHolds = autoHolds;
        this.clock = clock;
        this.lostJobs = new LostJobs(config.lostJobs().timeout(), config.lostJobs().timeoutByJobType());
    }

    /** The lost-job decision with the configured timeouts. */
    public LostJobs lostJobs() {
        return lostJobs;
    }

    /** What is read before the transaction: the run's plan and context, and a fallback's output type and materials. */
    private record Prepared(RunProgression.Graph graph, Optional<RegistryEntity> outputType,
            List<RegistryEntity> materials) {
        static final Prepared NONE = new Prepared(null, Optional.empty(), List.of());
    }

    /**
     * Applies {@code event}; every outbox row it causes continues the current trace context (the consumer span of the
     * event's record, which {@link com.hartomat.inbound.InboundMessages#traced} keeps current on the message's Vert.x
     * context, where the SQL client's callbacks run too).
     */
    public Uni<Void> apply(RenderEvent event) {
        if (event.eventType() == RenderEventType.ACCEPTED) {
            // the worker took the job: nothing of the run changes yet, so one statement instead of a transaction
            return store.accept(pool, event.jobId(), event.attempt(), event.workerId(), clock.instant()).invoke(known -> {
                if (!known) {
                    throw new UnknownJob(event.jobId());
                }
            }).replaceWithVoid();
        }
        if (event.eventType() == RenderEventType.HEARTBEAT) {
            // the job is alive: one UPDATE, no status event (subscribers would drown in them)
            return store.heartbeat(pool, event.jobId(), clock.instant());
        }
        boolean terminal = event.eventType() == RenderEventType.COMPLETED || event.eventType() == RenderEventType.FAILED;
        Uni<Prepared> prepared = !terminal ? Uni.createFrom().item(Prepared.NONE)
                : store.job(pool, event.jobId(), false).flatMap(found -> {
                    JobRow job = found.orElseThrow(() -> new UnknownJob(event.jobId()));
                    return prepare(job, true);
                });
        return prepared.flatMap(p -> pool.withTransaction(conn -> applyLocked(conn, event, p))).invoke(changes -> {
            if (changes == null) {
                return;
            }
            relay.wakeUp();
            changes.metrics.forEach(m -> m.accept(metrics));
        }).replaceWithVoid();
    }

    private Uni<Prepared> prepare(JobRow job, boolean terminal) {
        if (job.runId == null || !terminal || job.terminal()) {
            return Uni.createFrom().item(Prepared.NONE);
        }
        return store.run(pool, job.runId, false).flatMap(found -> {
            if (found.isEmpty() || found.get().config == null || found.get().mode == ExecutionMode.LEGACY) {
                return Uni.createFrom().item(Prepared.NONE);
            }
            RunRow run = found.get();
            PreparedWorkflow wf = RunConfig.read(planner, run.config);
            Uni<Optional<ContextData>> ctx = run.orderLineId != null ? contexts.orderLine(run.orderLineId)
                    : contexts.cadFile(run.cadFileId);
            // a run can fail at any terminal event (a node downstream may fail in-process): its fallback needs this
            Uni<Optional<RegistryEntity>> outputType = run.mode == ExecutionMode.GRAPH && run.outputTypeId != null
                    ? readModel.outputType(run.outputTypeId) : Uni.createFrom().item(Optional.empty());
            return ctx.flatMap(c -> {
                if (c.isEmpty()) {
                    return Uni.createFrom().item(Prepared.NONE);
                }
                // a fallback's legacy job resolves part materials against the library (held in memory by the read model)
                Uni<List<RegistryEntity>> materials = run.mode == ExecutionMode.GRAPH && !c.get().cadPartMaterials().isEmpty()
                        ? readModel.all("material") : Uni.createFrom().item(List.of());
                return contexts.library(wf.plan(), c.get()).flatMap(library -> outputType.flatMap(ot -> materials.map(m ->
                        new Prepared(new RunProgression.Graph(wf, c.get(), library), ot, m))));
            });
        });
    }

    private Uni<Changes> applyLocked(SqlConnection conn, RenderEvent e, Prepared prepared) {
        Instant now = clock.instant();
        return store.job(conn, e.jobId(), true).flatMap(found -> {
            JobRow job = found.orElseThrow(() -> new UnknownJob(e.jobId()));
            if (job.terminal() || e.attempt() < job.attempt && e.eventType() != RenderEventType.COMPLETED
                    && e.eventType() != RenderEventType.FAILED) {
                return Uni.createFrom().nullItem(); // a redelivery, or news from an attempt that was overtaken
            }
            moveJob(job, e, now);
            Changes changes = new Changes();
            return store.orderLine(conn, job.orderLineId).flatMap(line -> {
                RunProgression.OrderLine orderLine = line.orElse(null);
                Uni<Void> work;
                if (job.role == JobRecord.JobRole.CALIBRATION) {
                    // a calibration render publishes nothing and leaves the order line alone: it only measures noise
                    work = job.terminal() ? calibrationPairs(conn, job, changes, now) : Uni.createFrom().voidItem();
                } else if (job.runId == null) {
                    if (job.role != JobRecord.JobRole.OBSERVER) {
                        LegacyOutcome.apply(job, e, orderLine, changes);
                    }
                    work = job.shadowRunId != null && job.terminal() ? pairFromLegacySide(conn, job, changes, now)
                            : Uni.createFrom().voidItem();
                } else {
                    work = runEvent(conn, job, e, orderLine, prepared, changes, now);
                }
                changes.job = job;
                return work.flatMap(v -> write(conn, changes)).replaceWith(changes);
            });
        });
    }

    private static void moveJob(JobRow job, RenderEvent e, Instant now) {
        job.attempt = Math.max(job.attempt, e.attempt());
        job.workerId = e.workerId();
        boolean released = e.eventType() == RenderEventType.FAILED && e.failure() != null
                && e.failure().code() == FailureCode.CANCELLED;
        switch (e.eventType()) {
            case COMPLETED -> {
                job.status = "completed";
                job.finishedNow = true;
                job.artifacts = new ArrayList<>();
                for (Artifact a : e.artifacts()) {
                    job.artifacts.add(JsonValues.MAPPER.convertValue(a, Map.class));
                }
            }
            case FAILED -> {
                if (!released) {
                    job.status = "failed";
                    job.finishedNow = true;
                    Map<String, Object> failure = new LinkedHashMap<>();
                    failure.put("code", e.failure() == null ? null : e.failure().code().wire());
                    failure.put("message", RunProgression.failureMessage(e));
                    failure.put("retryable", e.failure() != null && e.failure().retryable());
                    job.failure = failure;
                }
            }
            default -> {
                job.status = "running";
                job.startedNow = true;
                job.heartbeatNow = now;
            }
        }
    }

    /**
     * Recovers one job a sweep found silent: when it is still lost once locked (no heartbeat arrived, no outcome, no
     * other sweep has it), the job fails with {@code lost} and its node is queued again under a new job id while its
     * retry policy allows, else fails with {@code error_code: lost} (downstream skipped, the run failed, as for any
     * failure). Returns whether this call recovered it; a later event of the lost job changes nothing (the job ended).
     */
    public Uni<Boolean> recoverLost(String jobId, Instant now) {
        return store.job(pool, jobId, false).flatMap(found -> {
            if (found.isEmpty() || !lostJobs.lost(LostJobs.Candidate.of(found.get()), now)) {
                return Uni.createFrom().item(false);
            }
            return prepare(found.get(), true)
                    .flatMap(p -> pool.withTransaction(conn -> recoverLocked(conn, jobId, p, now)))
                    .invoke(changes -> {
                        if (changes != null) {
                            relay.wakeUp();
                            changes.metrics.forEach(m -> m.accept(metrics));
                        }
                    }).map(changes -> changes != null);
        });
    }

    private Uni<Changes> recoverLocked(SqlConnection conn, String jobId, Prepared prepared, Instant now) {
        return store.jobSkipLocked(conn, jobId).flatMap(found -> {
            if (found.isEmpty() || !lostJobs.lost(LostJobs.Candidate.of(found.get()), now)) {
                return Uni.createFrom().nullItem(); // held elsewhere, ended, or alive again: not this sweep's to decide
            }
            JobRow job = found.get();
            String message = lostJobs.message(LostJobs.Candidate.of(job), now);
            job.status = "failed";
            job.finishedNow = true;
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("code", LOST);
            failure.put("message", message);
            failure.put("retryable", true);
            job.failure = failure;
            Changes changes = new Changes();
            changes.job = job;
            changes.metrics.add(m -> m.jobLost(job.jobType));
            return store.orderLine(conn, job.orderLineId).flatMap(line -> runChange(conn, job, null, line.orElse(null),
                    prepared, changes, now, progression -> progression.applyLost(job, message)))
                    .flatMap(v -> write(conn, changes)).replaceWith(changes);
        });
    }

    /** The {@code error_code} of a node whose job was lost. */
    public static final String LOST = "lost";

    private Uni<Void> runEvent(SqlConnection conn, JobRow job, RenderEvent e, RunProgression.OrderLine orderLine,
            Prepared prepared, Changes changes, Instant now) {
        return runChange(conn, job, e, orderLine, prepared, changes, now, progression -> {
            RunRow run = progression.run();
            if (run.mode == ExecutionMode.LEGACY) {
                LegacyOutcome.apply(job, e, orderLine, changes);
                progression.applyLegacyRunEvent(job, e);
            } else {
                if (run.mode == ExecutionMode.GRAPH && orderLine != null && "pending".equals(orderLine.renderStatus())
                        && e.eventType() != RenderEventType.COMPLETED && e.eventType() != RenderEventType.FAILED) {
                    changes.orderLine(orderLine.id(), "processing", null);
                }
                progression.applyNodeEvent(job, e);
            }
        });
    }

    /**
     * What a job's event (or its loss) does to its run: {@code change} moves nodes on the locked run, then a run that
     * ended falls back (graph), may trigger the automatic hold, or completes its shadow pair, and its rows are written.
     */
    /** {@code e}: the render event that causes the change, null for a job found lost. */
    private Uni<Void> runChange(SqlConnection conn, JobRow job, RenderEvent e, RunProgression.OrderLine orderLine,
            Prepared prepared,
            Changes changes, Instant now, java.util.function.Consumer<RunProgression> change) {
        return store.run(conn, job.runId, true).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            RunRow run = found.get();
            if (run.status == RunStatus.CANCELLED) {
                // an operator cancelled the run: its jobs' news changes nothing; a worker still starting one is told again
                if (e != null) {
                    RunControl.cancelAgain(job, e).ifPresent(changes.outbox::add);
                }
                return Uni.createFrom().voidItem();
            }
            return store.nodes(conn, run.id).flatMap(nodes -> {
                RunProgression progression = new RunProgression(run, nodes, prepared.graph(), orderLine, queue, now,
                        changes);
                change.accept(progression);
                Map<String, Object> extra = new LinkedHashMap<>();
                Uni<Void> pairing = Uni.createFrom().voidItem();
                if (progression.runEndedNow()) {
                    if (run.status == RunStatus.FAILED && run.mode == ExecutionMode.GRAPH) {
                        if (run.fallbackJobId == null) {
                            fallback(run, orderLine, prepared, changes, extra, now);
                        } else {
                            fallenBackBefore(run, extra);
                            // the line a resume or retry opened again ends with the run, its fallback having failed
                            if (orderLine != null && "processing".equals(orderLine.renderStatus())) {
                                changes.orderLine(orderLine.id(), "failed", null);
                            }
                        }
                        // QG-6 by itself: the output type may have to drop back to shadow; the run's event says so
                        pairing = autoHolds.afterGraphFailure(conn, run.outputTypeId).invoke(held -> held.ifPresent(h -> {
                            extra.put("auto_hold", h);
                            changes.metrics.add(m -> m.autoHold(run.outputTypeId));
                        })).replaceWithVoid();
                    }
                    if (run.mode == ExecutionMode.SHADOW && run.authoritativeJobId != null) {
                        pairing = store.job(conn, run.authoritativeJobId, false).invoke(authoritative ->
                                ShadowPair.request(authoritative.orElse(null), run, progression.nodes(), now)
                                        .ifPresent(changes.outbox::add)).replaceWithVoid();
                    }
                }
                return pairing.invoke(() -> {
                    progression.closeRunEvent(extra);
                    run.lastSequence = changes.events.lastSequence();
                    changes.run = run;
                    changes.nodes = progression.nodes();
                });
            });
        });
    }

    /**
     * QG-3: a graph-authoritative run that failed for good hands its order line to one legacy job, recorded on the run
     * and announced in its terminal status event. Without an order line (or output type) there is nothing to fall back
     * to, and the line fails.
     */
    private void fallback(RunRow run, RunProgression.OrderLine orderLine, Prepared prepared, Changes changes,
            Map<String, Object> extra, Instant now) {
        if (orderLine == null) {
            return;
        }
        RunProgression.Graph graph = prepared.graph();
        if (graph == null || graph.context() == null) {
            changes.orderLine(orderLine.id(), "failed", null);
            return;
        }
        ContextData ctx = graph.context();
        Map<String, Object> overrides = DispatchService.renderOverrides(prepared.outputType());
        String preset = LegacyJobs.presetFor(prepared.outputType().map(o -> o.text("artifact_kind")).orElse(null));
        // the output type's default material, as the graph's own render jobs carry it (the graph's library resolved it)
        Map<String, Object> defaultMaterial = graph.library() == null ? null : graph.library().defaultMaterial();
        RenderJob job = LegacyJobs.job(ctx, prepared.materials(), defaultMaterial, preset, null, run.workflowDefId,
                DispatchService.legacyParams(graph.workflow(), overrides), now);
        changes.outbox.add(queue.stage(job, RenderJobQueue.Role.LEGACY));
        changes.jobs.add(JobRecord.of(job, JobRecord.JobRole.FALLBACK, null));
        run.fallbackJobId = job.jobId();
        run.fallbackFrom = "workflow_graph";
        run.changed = true;
        extra.put("fallback_job_id", job.jobId());
        extra.put("fallback_from", "workflow_graph");
    }

    /**
     * A run that fell back before (an operator retried or resumed it after its fallback job ended) and failed again
     * does not fall back a second time: its order line already has the legacy result (or the legacy failure), and
     * keeps it. The terminal event says which fallback stands.
     */
    private static void fallenBackBefore(RunRow run, Map<String, Object> extra) {
        extra.put("fallback_job_id", run.fallbackJobId);
        extra.put("fallback_from", run.fallbackFrom);
        extra.put("fallback_repeated", false);
    }

    /** The legacy side of a shadow pair ended: if the observer run has too, the pair is compared. */
    private Uni<Void> pairFromLegacySide(SqlConnection conn, JobRow job, Changes changes, Instant now) {
        return store.run(conn, job.shadowRunId, true).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            RunRow run = found.get();
            return store.nodes(conn, run.id).flatMap(nodes -> {
                Optional<OutboxRow> request = ShadowPair.request(job, run, nodes, now);
                if (request.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                changes.outbox.add(request.get());
                changes.run = run; // its comparison request is recorded on it (EventWrite; no node changed)
                return Uni.createFrom().voidItem();
            });
        });
    }

    /** A calibration render ended: once all have, its pairs go out for comparison (once). */
    private Uni<Void> calibrationPairs(SqlConnection conn, JobRow job, Changes changes, Instant now) {
        if (job.calibrationId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.calibration(conn, job.calibrationId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<OutboxRow> requests = CalibrationPairs.requests(found.get(), job, now);
            if (requests.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            changes.outbox.addAll(requests);
            return store.calibrationRequestsSent(conn, job.calibrationId);
        });
    }

    Uni<Void> write(SqlConnection conn, Changes changes) {
        return store.insertJobs(conn, changes.jobs)
                .flatMap(v -> store.holdJobs(conn, changes.held))
                .flatMap(v -> store.writeRows(conn, changes))
                .flatMap(v -> store.deleteSupersededAssets(conn, changes.superseded))
                .flatMap(v -> store.insertAssets(conn, changes.assets))
                .invoke(inserted -> inserted.forEach(type -> changes.metrics.add(m -> m.assetPublished(type))))
                .flatMap(v -> store.insertNotifications(conn, changes.notifications))
                .flatMap(v -> orderLines(conn, changes.orderLines, 0))
                .flatMap(v -> changes.cadFileId == null ? Uni.createFrom().voidItem()
                        : store.updateCadFile(conn, changes.cadFileId, changes.cadParsedObjects));
    }

    private Uni<Void> orderLines(SqlConnection conn, List<Changes.OrderLineUpdate> updates, int i) {
        if (i >= updates.size()) {
            return Uni.createFrom().voidItem();
        }
        return store.updateOrderLine(conn, updates.get(i)).flatMap(v -> orderLines(conn, updates, i + 1));
    }
}
