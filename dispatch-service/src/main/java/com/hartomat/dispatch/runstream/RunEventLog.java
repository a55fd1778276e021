package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RunStatusEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads the {@code run_events} table: every {@code runs.status.v1} event, written in the transaction of the change it
 * reports, kept so that a stream can replay what a client missed.
 */
@ApplicationScoped
public class RunEventLog {

    private static final Logger LOG = Logger.getLogger(RunEventLog.class);

    private final Pool pool;

    public RunEventLog(Pool pool) {
        this.pool = pool;
    }

    /** A run's status and the last sequence its log holds (0 for none). */
    record Position(String status, long lastSequence) {

        boolean terminal() {
            return StatusEvents.terminal(status);
        }
    }

    /** The run's position, or a null item when there is no such run. */
    Uni<Position> position(UUID runId) {
        return pool.preparedQuery("SELECT r.status, (SELECT coalesce(max(e.sequence), 0) FROM dispatch.run_events e "
                + "WHERE e.run_id = r.id) AS last_sequence FROM dispatch.workflow_runs r WHERE r.id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Position(r.getString("status"), r.getLong("last_sequence"));
                });
    }

    /** A run's events with {@code after < sequence <= upTo}, in sequence order. */
    Uni<List<StoredEvent>> ofRun(UUID runId, long after, long upTo) {
        return pool.preparedQuery("SELECT id, payload FROM dispatch.run_events WHERE run_id = $1 AND sequence > $2 "
                + "AND sequence <= $3 ORDER BY sequence")
                .execute(Tuple.of(runId, after, upTo))
                .map(RunEventLog::events);
    }

    /** Up to {@code limit} events of the runs the filter matches with a log id above {@code afterId}, in id order. */
    Uni<List<StoredEvent>> page(RunFilter filter, long afterId, int limit) {
        return pool.preparedQuery("SELECT id, payload FROM dispatch.run_events WHERE id > $1 "
                + "AND ($2::text IS NULL OR workflow_def_id = $2) AND ($3::uuid IS NULL OR order_line_id = $3) "
                + "AND ($4::text IS NULL OR output_type_id = $4) ORDER BY id LIMIT $5")
                .execute(Tuple.of(afterId, filter.workflowId(), filter.orderLineId(), filter.outputTypeId(), limit))
                .map(RunEventLog::events);
    }

    private static List<StoredEvent> events(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            long id = r.getLong("id");
            Object payload = r.getValue("payload");
            String json = payload instanceof JsonObject o ? o.encode() : String.valueOf(payload);
            try {
                RunStatusEvent event = Topics.RUNS_STATUS.decode(json.getBytes(StandardCharsets.UTF_8));
                events.add(new StoredEvent(id, event));
            } catch (ContractViolation e) {
                // written through the same contract, so this means a hand-edited row: leave it out rather than send it
                LOG.warnf("run_events row %d breaks the runs.status.v1 contract, not streamed: %s", id, e.getMessage());
            }
        }
        return events;
    }
}
