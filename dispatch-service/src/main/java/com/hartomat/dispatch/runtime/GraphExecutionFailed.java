package com.hartomat.dispatch.runtime;

import com.hartomat.dispatch.runs.NodeResultRecord;
import java.util.List;

/** The graph failed while its jobs were queued; carries the node results as they stood. */
public class GraphExecutionFailed extends RuntimeException {

    private final List<NodeResultRecord> nodeResults;

    public GraphExecutionFailed(String message, Throwable cause, List<NodeResultRecord> nodeResults) {
        super(message, cause);
        this.nodeResults = List.copyOf(nodeResults);
    }

    public List<NodeResultRecord> nodeResults() {
        return nodeResults;
    }
}
