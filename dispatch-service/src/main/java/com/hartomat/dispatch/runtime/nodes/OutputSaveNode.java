package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.contracts.messages.RunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code output_save}: the graph's authoritative publication boundary, armed until its upstream render finishes. */
public final class OutputSaveNode implements HandoffNode {

    @Override
    public String step() {
        return "output_save";
    }

    @Override
    public InProcessNode.Result arm(List<String> upstreamJobNodeIds, boolean observer) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (observer) {
            out.put("publication_mode", "suppressed_for_shadow_observer");
            out.put("handoff_state", "disabled");
            out.put("handoff_node_ids", upstreamJobNodeIds);
            return new InProcessNode.Result(RunStatus.SKIPPED, out);
        }
        out.put("publication_mode", "awaiting_graph_authoritative_save");
        out.put("handoff_state", "armed");
        out.put("handoff_node_ids", upstreamJobNodeIds);
        return new InProcessNode.Result(RunStatus.PENDING, out);
    }
}
