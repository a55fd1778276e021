package com.hartomat.dispatch.runs;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.contracts.outbox.OutboxRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a run's {@code runs.status.v1} events with consecutive sequence numbers. Each event is written twice in the
 * transaction of the change it reports: as an outbox row (to the topic) and as a {@code run_events} row (kept for
 * Server-Sent Events replay).
 */
public final class RunEvents {

    /** What every event of one run repeats. */
    public record RunIdentity(UUID runId, ExecutionMode mode, String workflowDefId, UUID orderLineId, String outputTypeId,
            UUID cadFileId) {
    }

    /** One event, ready to write. */
    public record Event(RunStatusEvent message, OutboxRow row) {
    }

    private final RunIdentity run;
    private final Instant now;
    private long sequence;
    private final List<Event> events = new ArrayList<>();

    /** Events that follow {@code lastSequence}, the run's last written sequence (0 for a new run). */
    public RunEvents(RunIdentity run, long lastSequence, Instant now) {
        this.run = run;
        this.sequence = lastSequence;
        this.now = now;
    }

    public RunEvents run(RunStatus status, RunStatus previous, String errorMessage, Map<String, Object> output) {
        return add(RunStatusEvent.SCOPE_RUN, null, null, status, previous, errorMessage, output);
    }

    public RunEvents node(String nodeId, String step, RunStatus status, RunStatus previous, String errorMessage,
            Map<String, Object> output) {
        return add(RunStatusEvent.SCOPE_NODE, nodeId, step, status, previous, errorMessage, output);
    }

    private RunEvents add(String scope, String nodeId, String step, RunStatus status, RunStatus previous,
            String errorMessage, Map<String, Object> output) {
        String runId = run.runId().toString();
        RunStatusEvent event = new RunStatusEvent(UUID.randomUUID().toString(), runId, ++sequence, scope, nodeId, step,
                status, previous, run.mode(), run.workflowDefId(), str(run.orderLineId()), run.outputTypeId(),
                str(run.cadFileId()), errorMessage, output, now);
        events.add(new Event(event, OutboxRow.of(Topics.RUNS_STATUS, runId, event)));
        return this;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public long lastSequence() {
        return sequence;
    }

    public RunIdentity identity() {
        return run;
    }

    /**
     * The events of a dispatch: one run event whose output carries every node's status (in-process steps start and
     * complete inside the dispatch transaction, so their transitions travel together), then one node event per node
     * that left for a render job or failed.
     */
    public static RunEvents atDispatch(RunRecord record, Instant now) {
        RunEvents events = new RunEvents(new RunIdentity(record.id(), record.executionMode(), record.workflowDefId(),
                record.orderLineId(), record.outputTypeId(), record.cadFileId()), 0, now);
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (NodeResultRecord node : record.nodeResults()) {
            statuses.put(node.nodeName(), node.status().wire());
        }
        events.run(record.status(), null, record.errorMessage(), Map.of("node_statuses", statuses));
        for (NodeResultRecord node : record.nodeResults()) {
            if (node.status() == RunStatus.QUEUED || node.status() == RunStatus.FAILED) {
                events.node(node.nodeName(), node.step(), node.status(), RunStatus.PENDING, node.errorMessage(),
                        node.output());
            }
        }
        return events;
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
