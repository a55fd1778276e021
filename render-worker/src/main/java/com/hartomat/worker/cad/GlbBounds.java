package com.hartomat.worker.cad;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact bounding box of a binary glTF (GLB): every POSITION vertex of every mesh instance in the default
 * scene, through its node's world transform. glTF is Y-up in metres; the box is reported in the CAD/Blender
 * frame (Z-up) in millimetres, like the {@code bbox} job input.
 */
public final class GlbBounds {

    private static final int MAGIC = 0x46546C67;
    private static final int JSON_CHUNK = 0x4E4F534A;
    private static final int BIN_CHUNK = 0x004E4942;

    /** Minimum and maximum corners, Z-up, millimetres. */
    public record Box(double[] min, double[] max, long vertices) {
        public Map<String, Object> toOutput() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min", List.of(round(min[0]), round(min[1]), round(min[2])));
            out.put("max", List.of(round(max[0]), round(max[1]), round(max[2])));
            out.put("units", "mm");
            out.put("size", List.of(round(max[0] - min[0]), round(max[1] - min[1]), round(max[2] - min[2])));
            out.put("vertex_count", vertices);
            return out;
        }

        private static double round(double v) {
            return Math.round(v * 1e6) / 1e6;
        }
    }

    /** Thrown for files that are not GLB or carry no vertices. */
    public static final class NotGlb extends RuntimeException {
        public NotGlb(String message) {
            super(message);
        }
    }

    private GlbBounds() {
    }

    public static Box of(Path glb) throws IOException {
        return of(Files.readAllBytes(glb));
    }

    public static Box of(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 20 || buffer.getInt(0) != MAGIC || buffer.getInt(4) != 2) {
            throw new NotGlb("not a glTF 2.0 binary file");
        }
        JsonNode json = null;
        ByteBuffer bin = null;
        int offset = 12;
        while (offset + 8 <= bytes.length) {
            int length = buffer.getInt(offset);
            int type = buffer.getInt(offset + 4);
            if (type == JSON_CHUNK) {
                try {
                    json = Json.mapper().readTree(new String(bytes, offset + 8, length, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new NotGlb("unreadable glTF JSON chunk: " + e.getMessage());
                }
            } else if (type == BIN_CHUNK) {
                bin = ByteBuffer.wrap(bytes, offset + 8, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
            offset += 8 + length;
        }
        if (json == null || bin == null) {
            throw new NotGlb("GLB without JSON or BIN chunk");
        }
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long[] count = {0};
        int sceneIndex = json.path("scene").asInt(0);
        JsonNode roots = json.path("scenes").path(sceneIndex).path("nodes");
        for (JsonNode root : roots) {
            visit(json, bin, root.asInt(), identity(), min, max, count, 0);
        }
        if (count[0] == 0) {
            throw new NotGlb("GLB has no mesh vertices");
        }
        // glTF (x, y, z) Y-up metres -> Blender (x, -z, y) Z-up, then millimetres
        double[] zMin = {min[0] * 1000, -max[2] * 1000, min[1] * 1000};
        double[] zMax = {max[0] * 1000, -min[2] * 1000, max[1] * 1000};
        return new Box(zMin, zMax, count[0]);
    }

    private static void visit(JsonNode json, ByteBuffer bin, int nodeIndex, double[] parent, double[] min, double[] max,
            long[] count, int depth) {
        if (depth > 256) {
            return;
        }
        JsonNode node = json.path("nodes").path(nodeIndex);
        double[] world = multiply(parent, local(node));
        if (node.has("mesh")) {
            for (JsonNode primitive : json.path("meshes").path(node.path("mesh").asInt()).path("primitives")) {
                if (primitive.path("attributes").has("POSITION")) {
                    positions(json, bin, primitive.path("attributes").path("POSITION").asInt(), world, min, max, count);
                }
            }
        }
        for (JsonNode child : node.path("children")) {
            visit(json, bin, child.asInt(), world, min, max, count, depth + 1);
        }
    }

    private static void positions(JsonNode json, ByteBuffer bin, int accessorIndex, double[] m, double[] min,
            double[] max, long[] count) {
        JsonNode accessor = json.path("accessors").path(accessorIndex);
        if (accessor.path("componentType").asInt() != 5126 || !"VEC3".equals(accessor.path("type").asText())) {
            throw new NotGlb("POSITION accessor " + accessorIndex + " is not float VEC3");
        }
        JsonNode view = json.path("bufferViews").path(accessor.path("bufferView").asInt());
        int stride = view.path("byteStride").asInt(12);
        int base = view.path("byteOffset").asInt(0) + accessor.path("byteOffset").asInt(0);
        int n = accessor.path("count").asInt();
        for (int i = 0; i < n; i++) {
            int at = base + i * stride;
            double x = bin.getFloat(at);
            double y = bin.getFloat(at + 4);
            double z = bin.getFloat(at + 8);
            double[] p = {
                m[0] * x + m[4] * y + m[8] * z + m[12],
                m[1] * x + m[5] * y + m[9] * z + m[13],
                m[2] * x + m[6] * y + m[10] * z + m[14]};
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], p[a]);
                max[a] = Math.max(max[a], p[a]);
            }
        }
        count[0] += n;
    }

    /** Column-major 4x4 of a node: its matrix, or translation * rotation * scale. */
    static double[] local(JsonNode node) {
        if (node.has("matrix")) {
            double[] m = new double[16];
            for (int i = 0; i < 16; i++) {
                m[i] = node.path("matrix").path(i).asDouble();
            }
            return m;
        }
        double tx = node.path("translation").path(0).asDouble(0);
        double ty = node.path("translation").path(1).asDouble(0);
        double tz = node.path("translation").path(2).asDouble(0);
        double qx = node.path("rotation").path(0).asDouble(0);
        double qy = node.path("rotation").path(1).asDouble(0);
        double qz = node.path("rotation").path(2).asDouble(0);
        double qw = node.path("rotation").path(3).asDouble(1);
        double sx = node.path("scale").path(0).asDouble(1);
        double sy = node.path("scale").path(1).asDouble(1);
        double sz = node.path("scale").path(2).asDouble(1);
        double[] r = {
            1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy + qz * qw), 2 * (qx * qz - qy * qw), 0,
            2 * (qx * qy - qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz + qx * qw), 0,
            2 * (qx * qz + qy * qw), 2 * (qy * qz - qx * qw), 1 - 2 * (qx * qx + qy * qy), 0,
            0, 0, 0, 1};
        for (int i = 0; i < 4; i++) {
            r[i] *= sx;
            r[4 + i] *= sy;
            r[8 + i] *= sz;
        }
        r[12] = tx;
        r[13] = ty;
        r[14] = tz;
        return r;
    }

    static double[] identity() {
        return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    static double[] multiply(double[] a, double[] b) {
        double[] out = new double[16];
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[k * 4 + row] * b[col * 4 + k];
                }
                out[col * 4 + row] = sum;
            }
        }
        return out;
    }
}
