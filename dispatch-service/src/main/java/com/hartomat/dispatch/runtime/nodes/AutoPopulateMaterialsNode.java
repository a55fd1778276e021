package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.dispatch.runtime.PartCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code auto_populate_materials}: the product's part materials, plus the default material for parsed parts that
 * have none (unless the step's settings say otherwise). {@code match_by: part_name} fills in per part name;
 * {@code part_key} per part occurrence (the CAD file's part keys), so an instance without an assignment gets one even
 * when other instances of its part have theirs.
 */
public final class AutoPopulateMaterialsNode implements InProcessNode {

    @Override
    public String step() {
        return "auto_populate_materials";
    }

    @Override
    public Result execute(NodeScope scope) {
        String defaultMaterial = scope.text("default_material");
        boolean overwrite = scope.flag("overwrite_existing", false);
        List<Map<String, Object>> assignments = new ArrayList<>();
        Set<String> assigned = new LinkedHashSet<>();
        int populated = 0;
        for (Object entry : scope.context().cadPartMaterials()) {
            if (entry instanceof Map<?, ?> m && m.get("part_name") != null) {
                String part = String.valueOf(m.get("part_name"));
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("part_name", part);
                a.put("material", overwrite && defaultMaterial != null ? defaultMaterial : String.valueOf(m.get("material")));
                a.put("source", overwrite ? "default" : "product");
                assignments.add(a);
                assigned.add(part);
            }
        }
        if (defaultMaterial != null && !defaultMaterial.isBlank() && "part_key".equals(scope.text("match_by"))) {
            for (String key : PartCoverage.unassigned(assignments, PartCoverage.occurrences(scope.context()))) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("part_name", key);
                a.put("material", defaultMaterial);
                a.put("source", "default");
                assignments.add(a);
                populated++;
            }
        } else if (defaultMaterial != null && !defaultMaterial.isBlank()) {
            for (String part : scope.context().partNames()) {
                if (assigned.add(part)) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("part_name", part);
                    a.put("material", defaultMaterial);
                    a.put("source", "default");
                    assignments.add(a);
                    populated++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("material_assignments", assignments);
        out.put("populated_count", populated);
        return Result.completed(out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        return List.of();
    }
}
