package com.hartomat.worker.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's render parameters after defaults, checked: Cycles on CPU with 16 samples, seed 0 and an opaque
 * background unless the job says otherwise. Anything out of range is an {@code invalid_job}.
 */
public record RenderSettings(String engine, int width, int height, int samples, int seed, boolean transparentBackground,
        int fps, int frameCount, String rotationAxis, List<Object> angles, boolean compress, boolean packTextures) {

    static final Set<String> ANGLE_PRESETS = Set.of("front", "back", "left", "right", "top", "iso");
    private static final Map<String, String> ENGINES = Map.of(
            "cycles", "CYCLES", "eevee", "BLENDER_EEVEE", "blender_eevee", "BLENDER_EEVEE",
            "workbench", "BLENDER_WORKBENCH", "blender_workbench", "BLENDER_WORKBENCH");

    public static RenderSettings from(Map<String, Object> params, int defaultSize) {
        String engineName = text(params, "engine", "cycles").toLowerCase(Locale.ROOT);
        String engine = ENGINES.get(engineName);
        if (engine == null) {
            throw JobFailure.invalid("params.engine '" + engineName + "' is not one of cycles, eevee, workbench");
        }
        int width = integer(params, "width", defaultSize, 1, 8192);
        int height = integer(params, "height", defaultSize, 1, 8192);
        int samples = integer(params, "samples", 16, 1, 65536);
        int seed = integer(params, "seed", 0, 0, Integer.MAX_VALUE);
        int fps = integer(params, "fps", 24, 1, 240);
        int frames;
        if (params.get("frame_count") != null) {
            frames = integer(params, "frame_count", 24, 1, 10000);
        } else if (params.get("duration_s") != null) {
            double duration = number(params, "duration_s");
            frames = (int) Math.round(duration * fps);
            if (frames < 1 || frames > 10000) {
                throw JobFailure.invalid("params.duration_s gives " + frames + " frames (1..10000)");
            }
        } else {
            frames = 24;
        }
        String axis = text(params, "rotation_axis", "Z").toUpperCase(Locale.ROOT);
        if (!Set.of("X", "Y", "Z").contains(axis)) {
            throw JobFailure.invalid("params.rotation_axis must be X, Y or Z");
        }
        List<Object> angles = angles(params.get("angles"));
        Object compression = params.getOrDefault("compression", params.get("compress"));
        boolean compress = compression instanceof Boolean b ? b
                : compression != null && !Set.of("none", "off", "false", "0").contains(compression.toString().toLowerCase(Locale.ROOT));
        boolean pack = Boolean.TRUE.equals(params.get("pack_textures"));
        return new RenderSettings(engine, width, height, samples, seed, Boolean.TRUE.equals(params.get("transparent_background")),
                fps, frames, axis, angles, compress, pack);
    }

    /** H.264 needs even dimensions. */
    public void requireEvenSize() {
        if (width % 2 != 0 || height % 2 != 0) {
            throw JobFailure.invalid("turntable video needs even width and height, got " + width + "x" + height);
        }
    }

    public Map<String, Object> toSpec() {
        Map<String, Object> render = new LinkedHashMap<>();
        render.put("engine", engine);
        render.put("width", width);
        render.put("height", height);
        render.put("samples", samples);
        render.put("seed", seed);
        render.put("transparent_background", transparentBackground);
        return render;
    }

    /** Angle names (presets) or {name, azimuth, elevation}; each name becomes part of a file name. */
    static List<Object> angles(Object value) {
        // the registry's blender_still schema defaults angles to [] (one still); multi-angle jobs then use the presets
        if (value == null || (value instanceof List<?> empty && empty.isEmpty())) {
            return List.of("front", "left", "back", "right");
        }
        if (!(value instanceof List<?> list) || list.size() > 64) {
            throw JobFailure.invalid("params.angles must be a list of 1..64 angles");
        }
        List<Object> out = new ArrayList<>();
        for (Object angle : list) {
            if (angle instanceof Number azimuth) {
                // the registry's contract: camera azimuths in degrees
                double degrees = azimuth.doubleValue();
                if (degrees < -360 || degrees > 360) {
                    throw JobFailure.invalid("params.angles: azimuth " + degrees + " is outside -360..360");
                }
                Map<String, Object> byAzimuth = new LinkedHashMap<>();
                byAzimuth.put("name", "az" + Math.round(degrees));
                byAzimuth.put("azimuth", degrees);
                out.add(byAzimuth);
            } else if (angle instanceof String name) {
                if (!ANGLE_PRESETS.contains(name)) {
                    throw JobFailure.invalid("params.angles: unknown preset '" + name + "' (" + ANGLE_PRESETS + ")");
                }
                out.add(name);
            } else if (angle instanceof Map<?, ?> map && map.get("name") instanceof String name
                    && name.matches("[A-Za-z0-9_-]{1,40}")) {
                Map<String, Object> copy = new LinkedHashMap<>();
                copy.put("name", name);
                for (String key : List.of("azimuth", "elevation")) {
                    if (map.get(key) != null && !(map.get(key) instanceof Number)) {
                        throw JobFailure.invalid("params.angles." + name + "." + key + " must be a number");
                    }
                    if (map.get(key) != null) {
                        copy.put(key, ((Number) map.get(key)).doubleValue());
                    }
                }
                if (map.get("preset") instanceof String preset) {
                    copy.put("preset", preset);
                }
                out.add(copy);
            } else {
                throw JobFailure.invalid("params.angles: each angle is a preset name or {name, azimuth, elevation}");
            }
        }
        return out;
    }

    static String angleName(Object angle) {
        return angle instanceof String s ? s : ((Map<?, ?>) angle).get("name").toString();
    }

    private static String text(Map<String, Object> params, String key, String fallback) {
        Object value = params.get(key);
        return value == null ? fallback : value.toString();
    }

    private static int integer(Map<String, Object> params, String key, int fallback, int min, int max) {
        Object value = params.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw JobFailure.invalid("params." + key + " must be an integer, got " + value);
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw JobFailure.invalid("params." + key + " must be within " + min + ".." + max + ", got " + v);
        }
        return (int) v;
    }

    private static double number(Map<String, Object> params, String key) {
        Object value = params.get(key);
        if (!(value instanceof Number n)) {
            throw JobFailure.invalid("params." + key + " must be a number, got " + value);
        }
        return n.doubleValue();
    }
}
