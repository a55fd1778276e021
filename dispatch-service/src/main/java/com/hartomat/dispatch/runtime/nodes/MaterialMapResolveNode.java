package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.dispatch.runtime.MaterialLibrary;
import com.hartomat.dispatch.runtime.PartCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code material_map_resolve}: each part's material name resolved to a library material definition. */
public final class MaterialMapResolveNode implements InProcessNode {

    @Override
    public String step() {
        return "material_map_resolve";
    }

    @Override
    public Result execute(NodeScope scope) {
        List<?> assignments = assignments(scope);
        if (assignments.isEmpty()) {
            throw new NodeInputMissing("material_assignments_missing", "material_map_resolve needs material_assignments, "
                    + "but product " + scope.context().productId() + " has no part materials and no parsed parts");
        }
        MaterialLibrary.Resolution resolved = MaterialLibrary.resolve(assignments, scope.library().materials(),
                scope.flag("use_aliases", true));
        List<Map<String, Object>> map = resolved.assignments();
        List<String> unresolved = resolved.unresolved();
        if (!unresolved.isEmpty() && scope.flag("strict", false)) {
            throw new NodeInputMissing("material_unresolved", "material_map_resolve is strict and cannot resolve materials "
                    + unresolved);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("material_map", map);
        out.put("material_assignments", map);
        out.put("unresolved_materials", unresolved);
        // parts left to the output's default material, by part key, so a missing-material repair needs no guessing
        out.put("unassigned", PartCoverage.unassigned(map, PartCoverage.occurrences(scope.context())));
        return Result.completed(out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        List<NodeIssue> issues = new ArrayList<>();
        if (scope.context().cadPartMaterials().isEmpty() && scope.context().partNames().isEmpty()) {
            issues.add(NodeIssue.error("material_assignments_missing",
                    "The product has no part materials (material_assignments) and its CAD file has no parsed parts."));
        }
        return issues;
    }

    private static List<?> assignments(NodeScope scope) {
        Object upstream = scope.input("material_assignments").orElse(null);
        if (upstream instanceof List<?> list) {
            return list;
        }
        return scope.context().cadPartMaterials();
    }
}
