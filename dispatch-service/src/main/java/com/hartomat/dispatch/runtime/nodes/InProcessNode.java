package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.contracts.messages.RunStatus;
import java.util.List;
import java.util.Map;

/**
 * A step dispatch executes itself while a run is prepared (the registry marks it {@code sync}). One class per step,
 * named after it, registered once in {@link InProcessNodes}.
 */
public interface InProcessNode {

    String step();

    /** Runs the step; throws {@link NodeInputMissing} when the context cannot satisfy it. */
    Result execute(NodeScope scope);

    /** What would stop or weaken the step for this context (preflight); never throws. */
    List<NodeIssue> check(NodeScope scope);

    record Result(RunStatus status, Map<String, Object> output) {
        public static Result completed(Map<String, Object> output) {
            return new Result(RunStatus.COMPLETED, output);
        }
    }
}
