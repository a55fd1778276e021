package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code POST /api/order-lines/{id}/dispatch}: which backend rendered the line and why (the rollout
 * gate's decision), with the run and jobs it created. Filled in step by step while the dispatch decides, hence a
 * mutable body rather than a record; the shadow members are present only for a shadow dispatch.
 */
@Schema(name = "OrderLineDispatchResult")
public class OrderLineDispatchResult {

    @Schema(description = "legacy, workflow (a legacy-mode workflow run) or workflow_graph")
    public String backend = "legacy";
    public String orderLineId;
    @Schema(description = "legacy, graph or shadow: how the line was dispatched")
    public String executionMode;
    public String configuredExecutionMode;
    public String workflowRolloutMode;
    @Schema(description = "operator or derived_from_config")
    public String workflowRolloutModeSource;
    public String rolloutGateStatus;
    public String rolloutGateVerdict;
    public List<String> rolloutGateReasons = new ArrayList<>();
    public boolean workflowRolloutReady;
    public boolean outputTypeRolloutReady;
    public String rolloutWorkflowDefinitionId;
    public String rolloutOutputTypeId;
    public String workflowRunId;
    public String workflowType;
    public List<String> taskIds = List.of();
    public String celeryTaskId;
    @Schema(description = "workflow_graph when a graph dispatch failed and legacy rendered instead")
    public String fallbackFrom;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "shadow dispatches only: dispatched, skipped or failed")
    public String shadowStatus;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> shadowTaskIds;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String shadowWorkflowRunId;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String shadowError;
}
