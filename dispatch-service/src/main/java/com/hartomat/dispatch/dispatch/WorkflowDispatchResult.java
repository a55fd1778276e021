package com.hartomat.dispatch.dispatch;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a manual or draft workflow dispatch: the run it created and the render jobs it queued. */
public record WorkflowDispatchResult(String contextId, String executionMode, int dispatched, List<String> taskIds,
        DispatchedRun workflowRun) {

    /** The new run as dispatched (status pending), with its node results. */
    public record DispatchedRun(String id, String status, String executionMode, String workflowDefId, String orderLineId,
            String cadFileId, String celeryTaskId, String errorMessage, List<DispatchedNode> nodeResults) {
    }

    public record DispatchedNode(String nodeName, String step, String status,
            @Schema(description = "the node's output so far (synchronous nodes have run already)") Map<String, Object> output,
            String errorMessage) {
    }
}
