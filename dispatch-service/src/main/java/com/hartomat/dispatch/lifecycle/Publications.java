package com.hartomat.dispatch.lifecycle;

import com.hartomat.dispatch.JsonValues;
import com.hartomat.workflow.model.ArtifactKinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Which artifacts become media assets, of which type, and which one is an order line's primary render result. */
final class Publications {

    private Publications() {
    }

    /**
     * The media asset type of an artifact role, or empty when the role is not published (turntable frames and part
     * trees stay on the node result). {@code override} is output_save's {@code asset_type} param ("auto" = by role).
     */
    static Optional<String> assetType(String role, String override) {
        if (role == null) {
            return Optional.empty();
        }
        String byRole;
        if (role.startsWith("angle:")) {
            byRole = "multi_angle";
        } else {
            byRole = switch (role) {
                case "still", "render" -> "still";
                case "video" -> "turntable";
                case "blend" -> "blend_production";
                case "thumbnail" -> "thumbnail";
                case "glb" -> "glb";
                case "stl" -> "stl";
                default -> null;
            };
        }
        if (byRole == null) {
            return Optional.empty();
        }
        boolean primaryKind = byRole.equals("still") || byRole.equals("turntable") || byRole.equals("multi_angle");
        if (override != null && !override.isBlank() && !"auto".equals(override) && primaryKind) {
            return Optional.of(override);
        }
        return Optional.of(byRole);
    }

    /** The artifact that is the order line's render result: a still, video, angle or preview; never a .blend. */
    static Optional<Map<String, Object>> primary(List<Object> artifacts) {
        for (Object a : artifacts) {
            Map<String, Object> m = JsonValues.map(a);
            String role = JsonValues.text(m, "role");
            if (role != null && (role.equals("still") || role.equals("video") || role.equals("render")
                    || role.startsWith("angle:"))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Turntable frames in order, for a comparison of two videos frame by frame. */
    static List<Map<String, Object>> frames(List<Object> artifacts) {
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Object a : artifacts) {
            Map<String, Object> m = JsonValues.map(a);
            if ("frame".equals(m.get("role"))) {
                frames.add(m);
            }
        }
        return frames;
    }

    /** The artifact kind a primary artifact's role stands for (what comparison compares). */
    static String artifactKind(Map<String, Object> primary) {
        String role = primary == null ? null : JsonValues.text(primary, "role");
        if (role == null) {
            return "unknown";
        }
        if (role.startsWith("angle:")) {
            return ArtifactKinds.MULTI_ANGLE_STILLS;
        }
        return switch (role) {
            case "video" -> ArtifactKinds.TURNTABLE_VIDEO;
            case "blend" -> ArtifactKinds.BLEND_ASSET;
            case "render" -> ArtifactKinds.PREVIEW_IMAGE;
            default -> ArtifactKinds.STILL_IMAGE;
        };
    }

    /** The same artifact of the same job always gets the same asset id, so a second publication is a no-op. */
    static UUID assetId(String jobId, String path) {
        return UUID.nameUUIDFromBytes(("media_asset:" + jobId + ":" + path).getBytes(StandardCharsets.UTF_8));
    }

    /** The assets of a job's artifacts. */
    static List<Changes.MediaAsset> assets(List<Object> artifacts, String assetTypeOverride, Placement where,
            String publicationMode, Double fps) {
        List<Changes.MediaAsset> out = new ArrayList<>();
        for (Object a : artifacts) {
            Map<String, Object> m = JsonValues.map(a);
            String role = JsonValues.text(m, "role");
            Optional<String> type = assetType(role, assetTypeOverride);
            String path = JsonValues.text(m, "path");
            if (type.isEmpty() || path == null) {
                continue;
            }
            Integer frames = integer(m.get("frame_count"));
            Double duration = frames != null && fps != null && fps > 0 ? frames / fps : null;
            out.add(new Changes.MediaAsset(assetId(where.jobId(), path), where.orderLineId(), where.orderId(),
                    where.productId(), where.cadFileId(), where.runId(), where.nodeId(), where.jobId(), type.get(), role,
                    path, JsonValues.text(m, "sha256"), JsonValues.text(m, "media_type"), longValue(m.get("size_bytes")),
                    integer(m.get("width")), integer(m.get("height")), frames, duration, publicationMode));
        }
        return out;
    }

    /** Where an asset belongs. */
    record Placement(UUID orderLineId, UUID orderId, UUID productId, UUID cadFileId, UUID runId, String nodeId,
            String jobId) {
    }

    static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    static Long longValue(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }
}
