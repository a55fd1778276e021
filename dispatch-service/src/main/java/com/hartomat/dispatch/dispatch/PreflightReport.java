package com.hartomat.dispatch.dispatch;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a dispatch of a workflow on a context would meet: every node's readiness and the issues found. */
public record PreflightReport(String workflowId, String contextId, String contextKind, String expectedContextKind,
        String executionMode, boolean graphDispatchAllowed, String resolvedOrderLineId, String resolvedCadFileId,
        List<String> unsupportedNodeIds, List<Issue> issues, List<Node> nodes) {

    /** An issue of the whole preflight; {@code node_id} is null for one about the context. */
    public record Issue(String nodeId, String code, String message,
            @Schema(enumeration = {"error", "warning"}) String severity) {
    }

    public record Node(String nodeId, String step, String executor,
            @Schema(enumeration = {"ready", "warning", "error"}) String status, List<NodeIssue> issues) {
    }

    public record NodeIssue(String code, String message) {
    }
}
