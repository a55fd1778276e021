package com.hartomat.worker.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The camera settings of the registry's render node contracts ({@code camera_framing},
 * {@code camera_azimuth_deg}, {@code camera_elevation_deg}, {@code framing_margin},
 * {@code focal_length_mm}) as the Blender script's {@code camera} spec. {@code auto_fit} frames the
 * model's bounding box from the node's angles (a template's camera object and preset give way);
 * {@code template_camera} keeps the template's camera. A job that states no framing keeps the
 * template's camera when there is one.
 */
final class CameraSettings {

    private CameraSettings() {
    }

    static Map<String, Object> from(Map<String, Object> params) {
        Map<String, Object> camera = new LinkedHashMap<>();
        Object framing = params.get("camera_framing");
        if (framing != null) {
            if (!"auto_fit".equals(framing) && !"template_camera".equals(framing)) {
                throw JobFailure.invalid("params.camera_framing must be auto_fit or template_camera, got " + framing);
            }
            camera.put("framing", framing);
        }
        number(params, "camera_azimuth_deg", -360, 360, camera, "azimuth_deg");
        number(params, "camera_elevation_deg", -90, 90, camera, "elevation_deg");
        number(params, "framing_margin", 0, 2, camera, "framing_margin");
        number(params, "focal_length_mm", 1, 500, camera, "focal_length_mm");
        return camera;
    }

    private static void number(Map<String, Object> params, String key, double min, double max,
            Map<String, Object> camera, String specKey) {
        Object value = params.get(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof Number number) || number.doubleValue() < min || number.doubleValue() > max) {
            throw JobFailure.invalid("params." + key + " must be a number in " + min + ".." + max + ", got " + value);
        }
        camera.put(specKey, number.doubleValue());
    }
}
