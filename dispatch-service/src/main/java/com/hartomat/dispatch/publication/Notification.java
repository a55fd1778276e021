package com.hartomat.dispatch.publication;

import com.hartomat.dispatch.JsonValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A user-facing notification (a {@code notifications} row), e.g. {@code kind: render_completed} of one job. */
public record Notification(UUID id, UUID orderId, UUID orderLineId, UUID runId, String jobId, String kind,
        Map<String, Object> payload, OffsetDateTime createdAt) {

    static Notification of(Row r) {
        return new Notification(r.getUUID("id"), r.getUUID("order_id"), r.getUUID("order_line_id"), r.getUUID("run_id"),
                r.getString("job_id"), r.getString("kind"), JsonValues.map(r.getValue("payload")),
                r.getOffsetDateTime("created_at"));
    }
}
