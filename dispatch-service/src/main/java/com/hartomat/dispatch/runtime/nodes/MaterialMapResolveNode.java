package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.dispatch.readmodel.RegistryEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        boolean aliases = scope.flag("use_aliases", true);
        List<Map<String, Object>> map = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Object entry : assignments) {
            if (!(entry instanceof Map<?, ?> a)) {
                continue;
            }
            String material = String.valueOf(a.get("material"));
            RegistryEntity found = find(scope.library().materials(), material, aliases);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("part_name", a.get("part_name"));
            row.put("material", material);
            row.put("definition", found == null ? null : found.state().get("definition"));
            if (found == null) {
                unresolved.add(material);
            }
            map.add(row);
        }
        if (!unresolved.isEmpty() && scope.flag("strict", false)) {
            throw new NodeInputMissing("material_unresolved", "material_map_resolve is strict and cannot resolve materials "
                    + unresolved);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("material_map", map);
        out.put("material_assignments", map);
        out.put("unresolved_materials", unresolved);
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

    private static RegistryEntity find(List<RegistryEntity> library, String material, boolean aliases) {
        String wanted = material.toLowerCase(Locale.ROOT);
        for (RegistryEntity e : library) {
            String name = e.text("name");
            if (name != null && name.toLowerCase(Locale.ROOT).equals(wanted)) {
                return e;
            }
            if (aliases) {
                for (Object alias : e.array("aliases")) {
                    if (String.valueOf(alias).toLowerCase(Locale.ROOT).equals(wanted)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }
}
