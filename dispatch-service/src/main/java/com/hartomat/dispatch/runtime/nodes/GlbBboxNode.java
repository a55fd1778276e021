package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.contracts.messages.RunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code glb_bbox}: the model's bounding box when it has been measured, by an upstream GLB export of this run or by an
 * earlier CAD intake ({@code parsed_objects.bbox}); skipped otherwise, and the render worker frames the model itself.
 */
public final class GlbBboxNode implements InProcessNode {

    @Override
    public String step() {
        return "glb_bbox";
    }

    @Override
    public Result execute(NodeScope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        // measured upstream in this run (the GLB export measures every vertex), else by an earlier CAD intake
        Object measured = scope.input("bbox").orElse(null);
        Object parsed = measured instanceof Map<?, ?> measuredBox ? Map.of("bbox", measuredBox) : scope.context().parsedObjects();
        if (parsed instanceof Map<?, ?> m && m.get("bbox") instanceof Map<?, ?> bbox
                && bbox.get("min") != null && bbox.get("max") != null) {
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("min", bbox.get("min"));
            box.put("max", bbox.get("max"));
            box.put("units", "mm");
            out.put("bbox", box);
            return Result.completed(out);
        }
        out.put("bbox", null);
        out.put("reason", "geometry_unknown: CAD intake has not measured this model yet");
        return new Result(RunStatus.SKIPPED, out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        return List.of();
    }
}
