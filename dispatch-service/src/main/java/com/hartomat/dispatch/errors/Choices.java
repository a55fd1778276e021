package com.hartomat.dispatch.errors;

import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.Ids;
import java.util.List;

/** Request values that must be one of a closed set (a status, an asset type), or refused naming the allowed ones. */
public final class Choices {

    /** The statuses an order line's {@code render_status} takes. */
    public static final List<String> RENDER_STATUSES = List.of("pending", "processing", "completed", "failed",
            "cancelled");

    /** The statuses of a workflow run (pending, queued and skipped of a node are no run's status). */
    public static final List<String> RUN_STATUSES = List.of("pending", "running", "completed", "failed", "cancelled");

    /** The asset types dispatch publishes media assets under (by artifact role, or output_save's override). */
    public static final List<String> ASSET_TYPES = List.of("still", "turntable", "multi_angle", "thumbnail", "glb", "stl",
            "blend_production");

    private Choices() {
    }

    /** The value (trimmed), null when absent or blank, else a 422 {@code invalid_value}. */
    public static String oneOfOrNull(String value, List<String> allowed, String path) {
        return check(value, allowed, path, 422);
    }

    /** As {@link #oneOfOrNull}, but a 400: a query parameter. */
    public static String queryOneOfOrNull(String value, List<String> allowed, String path) {
        return check(value, allowed, path, 400);
    }

    /**
     * The refusal's message; like every message, it repeats at most 64 characters of the client's value
     * ({@link Ids#echo}).
     */
    public static String message(String value, List<String> allowed, String path) {
        return "'" + Ids.echo(value) + "' is not a valid " + path.substring(path.lastIndexOf('/') + 1) + "; one of "
                + String.join(", ", allowed);
    }

    private static String check(String value, List<String> allowed, String path, int status) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!allowed.contains(v)) {
            throw new ApiException(status, "invalid_value", message(value, allowed, path), path);
        }
        return v;
    }
}
