package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A message on {@code render.control.v1}: a command to every render worker about one job. {@code command} is
 * {@code cancel} (the only one so far): a worker that has not started the job never starts it, a worker running it
 * stops its child process; both report {@code failed} with code {@code job_cancelled}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RenderControl(
        String commandId,
        String command,
        String jobId,
        String workflowRunId,
        String reason,
        String requestedBy,
        Instant issuedAt) {

    public static final String CANCEL = "cancel";

    public static RenderControl cancel(String jobId, String workflowRunId, String reason, String requestedBy,
            Instant now) {
        return new RenderControl(UUID.randomUUID().toString(), CANCEL, jobId, workflowRunId, reason, requestedBy, now);
    }

    @JsonIgnore
    public boolean isCancel() {
        return CANCEL.equals(command);
    }
}
