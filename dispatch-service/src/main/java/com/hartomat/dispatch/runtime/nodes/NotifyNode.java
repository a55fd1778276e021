package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.contracts.messages.RunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code notify}: deferred to the upstream render task, which sends the legacy notification when it finishes. */
public final class NotifyNode implements HandoffNode {

    @Override
    public String step() {
        return "notify";
    }

    @Override
    public InProcessNode.Result arm(List<String> upstreamJobNodeIds, boolean observer) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (observer) {
            out.put("notification_mode", "suppressed_for_shadow_observer");
            out.put("armed_node_ids", List.of());
            out.put("handoff_state", "disabled");
            return new InProcessNode.Result(RunStatus.SKIPPED, out);
        }
        out.put("notification_mode", "deferred_to_render_task");
        out.put("armed_node_ids", upstreamJobNodeIds);
        out.put("handoff_state", "armed");
        return new InProcessNode.Result(RunStatus.PENDING, out);
    }
}
