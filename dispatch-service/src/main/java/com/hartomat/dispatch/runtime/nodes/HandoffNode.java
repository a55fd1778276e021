package com.hartomat.dispatch.runtime.nodes;

import java.util.List;

/**
 * A step that completes after its upstream render jobs (output_save, notify): at dispatch it is armed, and the
 * upstream jobs are told about it through their publication flags.
 */
public interface HandoffNode {

    String step();

    /** The node's pending (or, for shadow observers, skipped) result, armed on the given upstream job nodes. */
    InProcessNode.Result arm(List<String> upstreamJobNodeIds, boolean observer);
}
