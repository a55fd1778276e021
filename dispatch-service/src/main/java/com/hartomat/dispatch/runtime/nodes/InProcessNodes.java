package com.hartomat.dispatch.runtime.nodes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of in-process steps (steps the node catalogue marks sync) and the handoff steps. */
public final class InProcessNodes {

    private static final Map<String, InProcessNode> NODES = List.of(new OrderLineSetupNode(), new ResolveStepPathNode(),
            new ResolveTemplateNode(), new AutoPopulateMaterialsNode(), new MaterialMapResolveNode(), new GlbBboxNode())
            .stream().collect(Collectors.toUnmodifiableMap(InProcessNode::step, Function.identity()));

    private static final Map<String, HandoffNode> HANDOFFS = List.of(new OutputSaveNode(), new NotifyNode())
            .stream().collect(Collectors.toUnmodifiableMap(HandoffNode::step, Function.identity()));

    private InProcessNodes() {
    }

    public static Optional<InProcessNode> node(String step) {
        return Optional.ofNullable(NODES.get(step));
    }

    public static Optional<HandoffNode> handoff(String step) {
        return Optional.ofNullable(HANDOFFS.get(step));
    }

    public static boolean implemented(String step) {
        return NODES.containsKey(step) || HANDOFFS.containsKey(step);
    }
}
