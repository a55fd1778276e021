package com.hartomat.dispatch.lifecycle;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RenderControl;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRelayLifecycle;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.runs.RunEvents;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.ContextLoader;
import com.hartomat.dispatch.runtime.PreparedWorkflow;
import com.hartomat.dispatch.runtime.RenderJobQueue;
import com.hartomat.dispatch.runtime.RunConfig;
import com.hartomat.dispatch.runtime.WorkflowPlanner;
import com.hartomat.workflow.model.AnalyzedNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' control of a run: resume, retry from a node (with edited params), cancel. Each works in one transaction
 * that locks the run row (the lock every render event of the run takes too), so a control call and the run's events,
 * or two control calls, never interleave: the second sees what the first did. The decisions are {@link ResumePlan},
 * {@link RetryPlan} and {@link CancelPlan}; what runs again is queued by the run's own {@link RunProgression}, exactly as
 * a continuation after a render event. Refusals are {@link ApiException}s with stable codes.
 */
@ApplicationScoped
public class RunControl {

    private final Pool pool;
    private final LifecycleStore store;
    private final ContextLoader contexts;
    private final RegistryReadModel readModel;
    private final WorkflowPlanner planner;
    private final RenderJobQueue queue;
    private final OutboxRelayLifecycle relay;
    private final RunLifecycle lifecycle;
    private final Metrics metrics;
    private final RetryParams retryParams;

    public RunControl(Pool pool, LifecycleStore store, ContextLoader contexts, RegistryReadModel readModel,
            WorkflowPlanner planner, RenderJobQueue queue, OutboxRelayLifecycle relay, RunLifecycle lifecycle,
            Metrics metrics, DispatchConfig config) {
        this.pool = pool;
        this.store = store;
        this.contexts = contexts;
        this.readModel = readModel;
        this.planner = planner;
        this.queue = queue;
        this.relay = relay;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.retryParams = new RetryParams(planner);
    }

    public record ResumeResult(UUID runId, boolean resumed, String reason, String status, List<String> skippedNodes,
            List<String> requeuedNodes, List<String> liveNodes) {
    }

    public record RetryResult(UUID runId, UUID retryId, String status, String fromNode, List<String> resetNodes,
            String actor, Map<String, Object> oldParams, Map<String, Object> newParams) {
    }

    public record CancelResult(UUID runId, String status, String previousStatus, List<String> cancelledNodes,
            List<String> cancelledJobIds, String cancelledBy) {
    }

    /** The run's plan and context, loaded before the transaction (as the lifecycle does for a terminal event). */
    private record Loaded(RunRow run, RunProgression.Graph graph, RunGraphShape shape) {
    }

    public Uni<ResumeResult> resume(UUID runId) {
        return existing(runId).flatMap(run -> {
            if (run.status == RunStatus.COMPLETED || run.status == RunStatus.CANCELLED) {
                // refused before anything else is looked at; decided again on the locked row below
                ResumePlan.decide(run.status, run.mode, Map.of(), null);
            }
            return load(run);
        }).flatMap(loaded -> pool.withTransaction(conn -> resumeLocked(conn, loaded))).invoke(this::committed)
                .map(Applied::result);
    }

    public Uni<RetryResult> retry(UUID runId, String fromNode, Map<String, Object> params, String actor) {
        return existing(runId).flatMap(run -> {
            if (run.mode == ExecutionMode.LEGACY) {
                RetryPlan.decide(run.status, run.mode, Map.of(), null, fromNode);
            }
            return load(run);
        }).flatMap(loaded -> pool.withTransaction(conn -> retryLocked(conn, loaded, fromNode, params, actor)))
                .invoke(this::committed).map(Applied::result);
    }

    public Uni<CancelResult> cancel(UUID runId, String actor, String reason) {
        return existing(runId).flatMap(run -> pool.withTransaction(conn -> cancelLocked(conn, runId, actor, reason)))
                .invoke(this::committed).map(Applied::result);
    }

    /**
     * A render event (started, progress) for a job of a cancelled run: the worker did not hear of the cancellation
     * (it joined the control topic after the command), so the command goes out once more.
     */
    static Optional<OutboxRow> cancelAgain(JobRow job, RenderEvent e) {
        if (e.eventType() != RenderEventType.STARTED && e.eventType() != RenderEventType.PROGRESS) {
            return Optional.empty();
        }
        return Optional.of(command(job.jobId, job.runId, "the run was cancelled", null, Instant.now()));
    }

    private static OutboxRow command(String jobId, UUID runId, String reason, String actor, Instant now) {
        return OutboxRow.of(Topics.RENDER_CONTROL, jobId, RenderControl.cancel(jobId,
                runId == null ? null : runId.toString(), reason, actor, now));
    }

    private record Applied<T>(T result, Changes changes) {
    }

    private void committed(Applied<?> applied) {
        if (applied.changes() == null) {
            return;
        }
        relay.wakeUp();
        applied.changes().metrics.forEach(m -> m.accept(metrics));
    }

    private Uni<RunRow> existing(UUID runId) {
        return store.run(pool, runId, false).map(found -> found.orElseThrow(() -> new ApiException(404, "run_not_found",
                "workflow run '" + runId + "' does not exist", "")));
    }

    /**
     * What the run needs to run nodes again: its pinned plan and params (stored on the run at dispatch), the workflow
     * definition it was dispatched from, its order line or CAD file with product and CAD file, and the registry
     * library its steps read. Missing pieces refuse with {@code run_metadata_missing}; a plan that no longer loads or
     * validates with {@code template_load_failed}.
     */
    private Uni<Loaded> load(RunRow run) {
        if (run.mode == ExecutionMode.LEGACY) {
            return Uni.createFrom().item(new Loaded(run, null, null));
        }
        if (run.config == null) {
            throw missing("the run has no stored plan (workflow config) to run again");
        }
        PreparedWorkflow wf;
        try {
            wf = RunConfig.read(planner, run.config);
        } catch (RuntimeException e) {
            throw new ApiException(422, "template_load_failed",
                    "the run's pinned workflow definition no longer loads: " + e.getMessage(), "");
        }
        Uni<Void> definition = run.workflowDefId == null ? Uni.createFrom().voidItem()
                : readModel.workflowDefinition(run.workflowDefId).invoke(found -> {
                    if (found.isEmpty()) {
                        throw missing("workflow definition '" + run.workflowDefId + "' the run was dispatched from "
                                + "no longer exists");
                    }
                }).replaceWithVoid();
        Uni<Optional<ContextData>> context = run.orderLineId != null ? contexts.orderLine(run.orderLineId)
                : contexts.cadFile(run.cadFileId);
        return definition.flatMap(v -> context).flatMap(found -> {
            ContextData ctx = found.orElseThrow(() -> missing(run.orderLineId != null
                    ? "order line '" + run.orderLineId + "' (or its order or product) no longer exists"
                    : "CAD file '" + run.cadFileId + "' no longer exists"));
            if (ctx.cadFileId() == null) {
                throw missing("the product of order line '" + run.orderLineId + "' has no CAD file any more");
            }
            return contexts.library(wf.plan(), ctx).map(library -> new Loaded(run,
                    new RunProgression.Graph(wf, ctx, library),
                    RunGraphShape.of(wf.plan().analysis().orderedNodes())));
        });
    }

    private static ApiException missing(String message) {
        return ApiException.conflict("run_metadata_missing", message, "");
    }

    /** The run row and its nodes, locked (the run row) and read in the transaction. */
    private Uni<Locked> lock(SqlConnection conn, UUID runId) {
        return store.run(conn, runId, true).flatMap(found -> {
            RunRow run = found.orElseThrow(() -> new ApiException(404, "run_not_found",
                    "workflow run '" + runId + "' does not exist", ""));
            return store.nodes(conn, runId).flatMap(nodes -> store.orderLine(conn, run.orderLineId)
                    .map(line -> new Locked(run, nodes, line.orElse(null))));
        });
    }

    private record Locked(RunRow run, List<NodeRow> nodes, RunProgression.OrderLine orderLine) {
        Map<String, RunStatus> statuses() {
            Map<String, RunStatus> out = new LinkedHashMap<>();
            nodes.forEach(n -> out.put(n.name, n.status));
            return out;
        }

        NodeRow node(String name) {
            return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * A failed graph run that handed its order line to a legacy fallback job runs again only once that job has ended:
     * the line has one renderer at a time, and the run falls back at most once (see {@link RunLifecycle}).
     */
    private Uni<Locked> fallbackEnded(SqlConnection conn, Locked locked) {
        RunRow run = locked.run();
        if (run.fallbackJobId == null) {
            return Uni.createFrom().item(locked);
        }
        return store.job(conn, run.fallbackJobId, false).map(job -> {
            if (job.isPresent() && !job.get().terminal()) {
                throw ApiException.conflict("fallback_in_progress", "the run's order line is being rendered by its "
                        + "legacy fallback job '" + run.fallbackJobId + "' (" + job.get().status + "); run the graph "
                        + "again once that job has ended", "");
            }
            return locked;
        });
    }

    private Uni<Applied<ResumeResult>> resumeLocked(SqlConnection conn, Loaded loaded) {
        Instant now = Instant.now();
        return lock(conn, loaded.run().id).flatMap(locked -> fallbackEnded(conn, locked)).flatMap(locked -> {
            RunRow run = locked.run();
            ResumePlan.Decision decision = ResumePlan.decide(run.status, run.mode, locked.statuses(), loaded.shape());
            if (decision instanceof ResumePlan.NoOp noOp) {
                return Uni.createFrom().item(new Applied<>(new ResumeResult(run.id, false, noOp.reason(),
                        run.status.wire(), List.of(), List.of(), noOp.liveNodes()), null));
            }
            ResumePlan.Resume resume = (ResumePlan.Resume) decision;
            Changes changes = new Changes();
            RunProgression progression = new RunProgression(run, locked.nodes(), loaded.graph(), locked.orderLine(),
                    queue, now, changes);
            RunStatus previous = reopen(run, now);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("event", "run.resumed");
            output.put("resumed_from", previous.wire());
            output.put("skipped_nodes", resume.kept());
            output.put("requeued_nodes", resume.reset());
            changes.events.run(RunStatus.RUNNING, previous, null, output);
            for (String id : resume.kept()) {
                NodeRow node = locked.node(id);
                Map<String, Object> skipped = new LinkedHashMap<>();
                skipped.put("event", "node.skipped");
                skipped.put("node_status", node.status.wire());
                skipped.put("reason", "already " + node.status.wire() + ": not run again on resume");
                changes.events.node(node.name, node.step, RunStatus.SKIPPED, node.status, null, skipped);
            }
            resume.reset().forEach(id -> reset(locked.node(id), changes, "resume"));
            progression.continueAfterReset();
            return reopenLine(conn, run, locked).flatMap(x -> finish(conn, run, progression, changes, Map.of()))
                    .map(v -> new Applied<>(new ResumeResult(run.id,
                    true, "resumed from " + previous.wire(), run.status.wire(), resume.kept(), resume.reset(),
                    resume.liveNodes()), changes));
        });
    }

    private Uni<Applied<RetryResult>> retryLocked(SqlConnection conn, Loaded loaded, String fromNode,
            Map<String, Object> params, String actor) {
        Instant now = Instant.now();
        return lock(conn, loaded.run().id).flatMap(locked -> fallbackEnded(conn, locked)).flatMap(locked -> {
            RunRow run = locked.run();
            List<String> reset = RetryPlan.decide(run.status, run.mode, locked.statuses(), loaded.shape(), fromNode);
            PreparedWorkflow wf = loaded.graph().workflow();
            AnalyzedNode analyzed = wf.plan().analysis().nodesById().get(fromNode);
            Map<String, Object> oldParams = new LinkedHashMap<>(wf.params(analyzed));
            Map<String, Object> newParams = retryParams.apply(wf.plan(), fromNode, oldParams, params);
            Map<String, Map<String, Object>> allParams = new LinkedHashMap<>(wf.params());
            allParams.put(fromNode, newParams);
            PreparedWorkflow edited = new PreparedWorkflow(wf.definitionId(), wf.plan(), allParams);
            RunProgression.Graph graph = new RunProgression.Graph(edited, loaded.graph().context(),
                    loaded.graph().library());

            Changes changes = new Changes();
            RunProgression progression = new RunProgression(run, locked.nodes(), graph, locked.orderLine(), queue,
                    now, changes);
            UUID retryId = UUID.randomUUID();
            RunStatus previous = reopen(run, now);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("event", "run.retried");
            output.put("retry_id", retryId.toString());
            output.put("from_node", fromNode);
            output.put("reset_nodes", reset);
            output.put("retried_by", actor);
            changes.events.run(RunStatus.RUNNING, previous, null, output);
            reset.forEach(id -> reset(locked.node(id), changes, "retry from '" + fromNode + "'"));
            progression.continueAfterReset();
            return conn.preparedQuery("UPDATE dispatch.workflow_runs SET config = CAST($2::text AS jsonb) WHERE id = $1")
                    .execute(Tuple.of(run.id, RunConfig.of(edited)))
                    .flatMap(x -> conn.preparedQuery("INSERT INTO dispatch.run_retries (id, run_id, from_node, actor, "
                            + "old_params, new_params, reset_nodes, run_status_before) VALUES ($1, $2, $3, $4, $5, $6, "
                            + "$7, $8)").execute(Tuple.from(new Object[] {retryId, run.id, fromNode, actor,
                                    JsonValues.jsonb(oldParams), JsonValues.jsonb(newParams), JsonValues.jsonb(reset),
                                    previous.wire()})))
                    .flatMap(x -> reopenLine(conn, run, locked))
                    .flatMap(x -> finish(conn, run, progression, changes, Map.of()))
                    .map(v -> new Applied<>(new RetryResult(run.id, retryId, run.status.wire(), fromNode, reset, actor,
                            oldParams, newParams), changes));
        });
    }

    private Uni<Applied<CancelResult>> cancelLocked(SqlConnection conn, UUID runId, String actor, String reason) {
        Instant now = Instant.now();
        return lock(conn, runId).flatMap(locked -> {
            RunRow run = locked.run();
            List<String> cancel = CancelPlan.decide(run.status, locked.statuses());
            // read after the run's lock: a job a render event queued for this run has committed by now
            return conn.preparedQuery("SELECT job_id FROM dispatch.render_jobs WHERE run_id = $1 "
                    + "AND status IN ('queued', 'running') ORDER BY created_at, job_id").execute(Tuple.of(run.id))
                    .flatMap(rows -> {
                        Set<String> jobs = new LinkedHashSet<>();
                        rows.forEach(r -> jobs.add(r.getString("job_id")));
                        for (String id : cancel) {
                            NodeRow node = locked.node(id);
                            if (node.jobId != null && (node.status == RunStatus.QUEUED || node.status == RunStatus.RUNNING)) {
                                jobs.add(node.jobId);
                            }
                        }
                        String why = "cancelled by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
                        Changes changes = new Changes();
                        changes.events = new RunEvents(new RunEvents.RunIdentity(run.id, run.mode, run.workflowDefId,
                                run.orderLineId, run.outputTypeId, run.cadFileId), run.lastSequence, now);
                        for (String id : cancel) {
                            NodeRow node = locked.node(id);
                            RunStatus previous = node.move(RunStatus.CANCELLED);
                            node.finishedAt = now;
                            node.progress = null;
                            node.errorMessage = why;
                            node.errorCode = "job_cancelled";
                            node.retryable = false;
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("job_id", node.jobId);
                            out.put("reason", why);
                            changes.events.node(node.name, node.step, RunStatus.CANCELLED, previous, why, out);
                        }
                        for (String job : jobs) {
                            changes.outbox.add(command(job, run.id, why, actor, now));
                        }
                        RunStatus previous = run.status;
                        run.status = RunStatus.CANCELLED;
                        run.completedAt = now;
                        run.errorMessage = why;
                        run.changed = true;
                        Map<String, Object> output = new LinkedHashMap<>();
                        Map<String, Object> statuses = new LinkedHashMap<>();
                        locked.nodes().forEach(n -> statuses.put(n.name, n.status.wire()));
                        output.put("node_statuses", statuses);
                        output.put("cancelled_by", actor);
                        output.put("cancelled_job_ids", List.copyOf(jobs));
                        changes.events.run(RunStatus.CANCELLED, previous, why, output);
                        if (run.mode != ExecutionMode.SHADOW && locked.orderLine() != null
                                && !"completed".equals(locked.orderLine().renderStatus())) {
                            changes.orderLine(locked.orderLine().id(), "cancelled", null);
                        }
                        String mode = run.mode.wire();
                        Duration duration = run.createdAt == null ? null : Duration.between(run.createdAt, now);
                        changes.metrics.add(m -> m.runFinished(mode, "cancelled", duration));
                        run.lastSequence = changes.events.lastSequence();
                        changes.run = run;
                        changes.nodes = locked.nodes();
                        return lifecycle.write(conn, changes)
                                .map(v -> new Applied<>(new CancelResult(run.id, run.status.wire(), previous.wire(),
                                        cancel, List.copyOf(jobs), actor), changes));
                    });
        });
    }

    /**
     * A failed order line is rendered again by its resumed or retried run: it is {@code processing} again, and its
     * order with it (V12), until the run (or its fallback) ends it again. A shadow run does not render its line; a
     * completed line keeps its result until the run replaces it.
     */
    private Uni<Void> reopenLine(SqlConnection conn, RunRow run, Locked locked) {
        RunProgression.OrderLine line = locked.orderLine();
        return run.mode == ExecutionMode.SHADOW || line == null || !"failed".equals(line.renderStatus())
                ? Uni.createFrom().voidItem() : store.reopenOrderLine(conn, line.id());
    }

    /**
     * The run is running again: its end (time, error) is cleared; its fallback history stays. A shadow observer run
     * whose comparison was requested will request the next attempt's when it ends again. Returns the status it had.
     */
    private static RunStatus reopen(RunRow run, Instant now) {
        RunStatus previous = run.status;
        run.status = RunStatus.RUNNING;
        run.completedAt = null;
        run.errorMessage = null;
        run.comparisonRequestedAt = null;
        if (run.startedAt == null) {
            run.startedAt = now;
        }
        run.changed = true;
        return previous;
    }

    /**
     * A node runs again: back to {@code pending} with its outputs of the last run cleared (a handoff keeps how it was
     * armed); its attempt count stays, so its next job is attempt + 1 under a new job id.
     */
    private static void reset(NodeRow node, Changes changes, String why) {
        RunStatus previous = node.move(RunStatus.PENDING);
        node.errorMessage = null;
        node.errorCode = null;
        node.retryable = null;
        node.logExcerpt = null;
        node.progress = null;
        node.artifacts = new ArrayList<>();
        node.startedAt = null;
        node.finishedAt = null;
        node.durationMs = null;
        node.output.remove("reason");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", "node.reset");
        out.put("reason", why);
        out.put("previous_job_id", node.jobId);
        changes.events.node(node.name, node.step, RunStatus.PENDING, previous, null, out);
    }

    private Uni<Void> finish(SqlConnection conn, RunRow run, RunProgression progression, Changes changes,
            Map<String, Object> extra) {
        progression.closeRunEvent(extra);
        run.lastSequence = changes.events.lastSequence();
        changes.run = run;
        changes.nodes = progression.nodes();
        return lifecycle.write(conn, changes);
    }
}
