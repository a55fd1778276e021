package com.hartomat.dispatch.runs;

import com.hartomat.contracts.outbox.OutboxRow;
import java.util.List;
import java.util.UUID;

/**
 * The outbox rows and kept status events ({@code run_events}) a write adds, collected as columns and inserted with
 * {@code unnest}: one statement execution per table however many rows, where a batch of single-row inserts costs one
 * execution per row. Shared by the dispatch's write ({@link RunWriter}), the lifecycle's (EventWrite) and the
 * outbox-only insert of calibrations (LifecycleStore.insertOutbox).
 */
public final class EventRows {

    private final Columns outbox = new Columns(4);
    private final Columns events = new Columns(7);

    /** A run's status events (none when {@code events} is null), then {@code outbox}'s rows, in that order. */
    public static EventRows of(RunEvents events, List<OutboxRow> outbox) {
        EventRows rows = new EventRows();
        if (events != null) {
            RunEvents.RunIdentity run = events.identity();
            for (RunEvents.Event e : events.events()) {
                rows.event(run.runId(), e.message().sequence(), e.message().eventId(), run.workflowDefId(),
                        run.orderLineId(), run.outputTypeId(), e.row());
            }
        }
        outbox.forEach(rows::outbox);
        return rows;
    }

    /** One row for the outbox, relayed in the order added (per-key order). */
    public void outbox(OutboxRow row) {
        outbox.add(row.topic(), row.key(), row.payload(), row.headersJson());
    }

    /** One status event: kept for the streams' replay, and relayed to {@code runs.status.v1}. */
    public void event(UUID runId, long sequence, String eventId, String workflowDefId, UUID orderLineId,
            String outputTypeId, OutboxRow row) {
        outbox(row);
        events.add(runId, sequence, eventId, workflowDefId, orderLineId, outputTypeId, row.payload());
    }

    public boolean isEmpty() {
        return outbox.isEmpty() && events.isEmpty();
    }

    /** Appends the outbox's 4 arrays, then the events' 7, in the order {@link #outboxInsert}, {@link #eventsInsert} read. */
    public void appendTo(List<Object> args) {
        outbox.appendTo(args, String.class, String.class, String.class, String.class);
        events.appendTo(args, UUID.class, Long.class, String.class, String.class, UUID.class, String.class, String.class);
    }

    /** Inserts the outbox rows from 4 arrays starting at parameter {@code $first}; WITH ORDINALITY keeps their ids in order. */
    public static String outboxInsert(int first) {
        return "INSERT INTO dispatch.outbox (topic, message_key, payload, headers) SELECT t, k, m, h::jsonb "
                + "FROM unnest(" + Columns.params(first, "text", "text", "text", "text") + ") WITH ORDINALITY "
                + "AS x(t, k, m, h, ord) ORDER BY ord";
    }

    /** Inserts the status events from 7 arrays starting at parameter {@code $first}. */
    public static String eventsInsert(int first) {
        return "INSERT INTO dispatch.run_events (run_id, sequence, event_id, workflow_def_id, order_line_id, "
                + "output_type_id, payload) SELECT r, q, e, w, o, ot, p FROM unnest("
                + Columns.params(first, "uuid", "int8", "text", "text", "uuid", "text", "text") + ") WITH ORDINALITY "
                + "AS x(r, q, e, w, o, ot, p, ord) ORDER BY ord";
    }

    /** Both, as one statement: {@code $1..$4} the outbox, {@code $5..$11} the events. */
    public static final String INSERT_BOTH = "WITH box AS (" + outboxInsert(1) + ") " + eventsInsert(5);
}
