package com.hartomat.dispatch.runs;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import java.util.List;
import java.util.UUID;

/**
 * A workflow run about to be written, with its node results in topological order. {@code authoritativeJobId} is set on
 * a shadow observer run: the legacy job whose output it is compared with. {@code config} is the run's plan as JSON
 * ({@link com.hartomat.dispatch.runtime.RunConfig}), read again when the run continues after a render job.
 */
public record RunRecord(UUID id, String workflowDefId, UUID orderLineId, UUID cadFileId, String outputTypeId,
        ExecutionMode executionMode, RunStatus status, String celeryTaskId, String errorMessage,
        String authoritativeJobId, String config, List<NodeResultRecord> nodeResults) {

    public RunRecord {
        nodeResults = List.copyOf(nodeResults);
    }
}
