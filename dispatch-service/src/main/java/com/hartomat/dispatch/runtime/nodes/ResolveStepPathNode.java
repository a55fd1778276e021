package com.hartomat.dispatch.runtime.nodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code resolve_step_path}: the CAD file's stored STEP file (relative to the artifact storage root). */
public final class ResolveStepPathNode implements InProcessNode {

    @Override
    public String step() {
        return "resolve_step_path";
    }

    @Override
    public Result execute(NodeScope scope) {
        var ctx = scope.context();
        if (ctx.stepPath() == null) {
            throw new NodeInputMissing("step_file_missing", "resolve_step_path needs a stored STEP file (step_path)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cad_file_id", ctx.cadFileId().toString());
        out.put("step_path", ctx.stepPath());
        out.put("original_name", ctx.cadOriginalName());
        return Result.completed(out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        return List.of();
    }
}
