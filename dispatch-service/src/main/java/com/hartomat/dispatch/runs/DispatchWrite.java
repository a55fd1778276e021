package com.hartomat.dispatch.runs;

import com.hartomat.contracts.outbox.OutboxRow;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one dispatch writes, committed in one transaction: runs with node results, their status events, the
 * render jobs (outbox rows, and the job records their events are matched against), the order's move to processing,
 * and the idempotency record of the response. {@code orderToProcessing} is the dispatched line's order (null for a CAD
 * file): it moves to {@code processing}, stamping {@code processing_started_at}, when it is still {@code draft} or
 * {@code submitted}; an order already processing, completed, failed or cancelled keeps its status. {@code lineRendered}
 * is the dispatched line (null for a CAD file): a line that had {@code failed} or was {@code cancelled} is being rendered
 * again, so it is {@code pending} again, and its order, if it had ended, {@code processing} (the open-line trigger, V12);
 * a {@code completed} line keeps its result until the new render replaces it.
 */
public record DispatchWrite(List<RunRecord> runs, List<OutboxRow> jobRows, List<JobRecord> jobs,
        UUID orderToProcessing, UUID lineRendered, Idempotency idempotency) {

    public record Idempotency(String scope, String key, Map<String, Object> response, int status) {
    }

    public DispatchWrite {
        runs = List.copyOf(runs);
        jobRows = List.copyOf(jobRows);
        jobs = List.copyOf(jobs);
    }
}
