package com.hartomat.dispatch.runtime;

import com.hartomat.dispatch.readmodel.RegistryEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Part materials resolved against the registry's material library: by name, case-insensitively, then (with aliases) by
 * any alias. Shared by the graph's {@code material_map_resolve} step and the legacy job, so that a shadow pair renders
 * each part with the same definition on both sides.
 */
public final class MaterialLibrary {

    private MaterialLibrary() {
    }

    /** Each assignment as {@code {part_name, material, definition}} (definition null when unresolved). */
    public record Resolution(List<Map<String, Object>> assignments, List<String> unresolved) {
    }

    public static Resolution resolve(List<?> assignments, List<RegistryEntity> library, boolean aliases) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Object entry : assignments) {
            if (!(entry instanceof Map<?, ?> a)) {
                continue;
            }
            String material = String.valueOf(a.get("material"));
            RegistryEntity found = find(library, material, aliases);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("part_name", a.get("part_name"));
            row.put("material", material);
            row.put("definition", found == null ? null : found.state().get("definition"));
            if (found == null) {
                unresolved.add(material);
            }
            rows.add(row);
        }
        return new Resolution(rows, unresolved);
    }

    /** The material library name an output type renders unassigned parts with ({@code default_material}), or null. */
    public static String defaultMaterialName(Optional<RegistryEntity> outputType) {
        String name = outputType.map(o -> o.text("default_material")).orElse(null);
        return name == null || name.isBlank() ? null : name;
    }

    /**
     * The render job's {@code default_material}: {@code {material, definition}} resolved like an assignment (name, then
     * alias; definition null when the library no longer has it, so the worker names the material but uses its neutral
     * look, as for an unresolved assignment), or null when the output type names none.
     */
    public static Map<String, Object> defaultMaterial(String name, List<RegistryEntity> library) {
        if (name == null) {
            return null;
        }
        RegistryEntity found = find(library, name, true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("material", name);
        out.put("definition", found == null ? null : found.state().get("definition"));
        return out;
    }

    static RegistryEntity find(List<RegistryEntity> library, String material, boolean aliases) {
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
