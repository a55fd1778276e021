package com.hartomat.worker.jobs;

import com.hartomat.contracts.parts.PartKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry's vocabulary in a job's inputs, as the Blender script needs it. Dispatch passes library material
 * definitions and render templates on unchanged, so a job carries the registry's forms: a material's
 * {@code base_color} as {@code "#rrggbb"} (a display colour) and a template's {@code camera_preset} from
 * {@code auto_fit, front, three_quarter, top, template_camera}. The script wants linear RGBA and its named views.
 */
final class SceneInputs {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private SceneInputs() {
    }

    /**
     * Material assignments with every {@code "#rrggbb"} base colour as scene-linear {@code [r, g, b, 1]}, and a
     * {@code part_key} (normal form) on each entry whose {@code part_name} is a path in the assembly tree: such an
     * entry names one part occurrence (or every part below an assembly occurrence), and wins over an entry naming
     * the part.
     */
    static List<Object> materials(List<?> assignments) {
        List<Object> out = new ArrayList<>();
        for (Object entry : assignments) {
            if (!(entry instanceof Map<?, ?> map) || !(map.get("part_name") instanceof String partName)) {
                throw JobFailure.invalid("inputs.material_assignments entries need a part_name");
            }
            out.add(keyed(converted(map, "inputs.material_assignments"), PartKey.normalise(partName)));
        }
        return out;
    }

    /** The job's {@code default_material} ({@code {material, definition}}) for parts without an assignment, or null. */
    static Map<String, Object> defaultMaterial(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map) || !(map.get("material") instanceof String)) {
            throw JobFailure.invalid("inputs.default_material must be {material, definition}");
        }
        return converted(map, "inputs.default_material");
    }

    private static Map<String, Object> keyed(Map<String, Object> entry, String key) {
        if (key != null) {
            entry.put("part_key", key);
        }
        return entry;
    }

    private static Map<String, Object> converted(Map<?, ?> map, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.toString(), v));
        Object definition = map.get("definition");
        if (!(definition instanceof Map<?, ?> def) || !(def.get("base_color") instanceof String hex)) {
            return copy;
        }
        if (!HEX.matcher(hex).matches()) {
            throw JobFailure.invalid(where + ": base_color '" + hex + "' is not #rrggbb");
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        def.forEach((k, v) -> converted.put(k.toString(), v));
        converted.put("base_color", linearRgba(hex));
        copy.put("definition", converted);
        return copy;
    }

    /** {@code #rrggbb} (sRGB) → linear {@code [r, g, b, 1.0]}, what a Principled BSDF's Base Color holds. */
    static List<Double> linearRgba(String hex) {
        List<Double> rgba = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgba.add(c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        rgba.add(1.0);
        return rgba;
    }

    /**
     * Whether the part materials are applied. {@code use_materials} is a template's switch between its own materials
     * and the library's; without a template file the default scene has no materials of its own, so the parts get the
     * library's, as a legacy render of the same line does ({@code resolve_template} reports {@code use_materials:
     * false} when it finds no template, and a shadow run would otherwise render grey parts beside legacy's).
     */
    static boolean useMaterials(Object templatePath, Object useMaterials) {
        return templatePath == null || !Boolean.FALSE.equals(useMaterials);
    }

    /**
     * A template's camera preset into the script's template spec: the script's own views pass through,
     * {@code three_quarter} is its {@code iso} view, {@code auto_fit} frames the model (the template's camera gives
     * way), {@code template_camera} keeps the template's camera.
     */
    static void camera(Object preset, Map<String, Object> template) {
        if (preset == null) {
            return;
        }
        String name = preset.toString().toLowerCase(Locale.ROOT);
        switch (name) {
            case "auto_fit" -> template.put("use_template_camera", false);
            case "template_camera" -> template.put("use_template_camera", true);
            case "three_quarter" -> template.put("camera_preset", "iso");
            default -> {
                if (!RenderSettings.ANGLE_PRESETS.contains(name)) {
                    throw JobFailure.invalid("inputs.template.camera_preset must be one of " + RenderSettings.ANGLE_PRESETS
                            + ", auto_fit, three_quarter or template_camera, got " + preset);
                }
                template.put("camera_preset", name);
            }
        }
    }
}
