package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.messages.RunStatusEvent;
import java.util.Objects;
import java.util.UUID;

/** Which runs a multi-run stream follows; a null field does not filter. */
record RunFilter(String workflowId, UUID orderLineId, String outputTypeId) {

    boolean matches(RunStatusEvent event) {
        return (workflowId == null || workflowId.equals(event.workflowDefId()))
                && (orderLineId == null || orderLineId.toString().equalsIgnoreCase(Objects.toString(event.orderLineId(), "")))
                && (outputTypeId == null || outputTypeId.equals(event.outputTypeId()));
    }
}
