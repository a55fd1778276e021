package com.hartomat.worker.cad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

public class GlbBoundsTest {

    /** A GLB with one triangle (glTF Y-up metres) under a parent node that translates and scales. */
    public static byte[] glb(float[] vertices, String nodes) {
        String json = """
                {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],
                 "nodes":%s,
                 "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
                 "accessors":[{"bufferView":0,"componentType":5126,"count":%d,"type":"VEC3"}],
                 "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":%d}],
                 "buffers":[{"byteLength":%d}]}""".formatted(nodes, vertices.length / 3, vertices.length * 4,
                vertices.length * 4);
        byte[] jsonBytes = pad(json.getBytes(StandardCharsets.UTF_8), (byte) ' ');
        ByteBuffer bin = ByteBuffer.allocate(vertices.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vertices) {
            bin.putFloat(v);
        }
        byte[] binBytes = pad(bin.array(), (byte) 0);
        ByteBuffer out = ByteBuffer.allocate(12 + 8 + jsonBytes.length + 8 + binBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46546C67).putInt(2).putInt(out.capacity());
        out.putInt(jsonBytes.length).putInt(0x4E4F534A).put(jsonBytes);
        out.putInt(binBytes.length).putInt(0x004E4942).put(binBytes);
        return out.array();
    }

    private static byte[] pad(byte[] bytes, byte fill) {
        int length = (bytes.length + 3) / 4 * 4;
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, fill);
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    @Test
    void boxComesFromEveryVertexThroughTheNodeTransformsInZUpMillimetres() {
        float[] triangle = {0, 0, 0, 0.1f, 0, 0, 0, 0.2f, -0.05f};
        String nodes = "[{\"children\":[1],\"translation\":[1,2,3]},{\"mesh\":0,\"scale\":[2,2,2]}]";

        GlbBounds.Box box = GlbBounds.of(glb(triangle, nodes));

        // glTF world: x 1..1.2, y 2..2.4, z 2.9..3 -> Blender (x, -z, y): x 1..1.2, y -3..-2.9, z 2..2.4
        assertArrayEquals(new double[] {1000, -3000, 2000}, box.min(), 1e-3);
        assertArrayEquals(new double[] {1200, -2900, 2400}, box.max(), 1e-3);
        assertEquals(3, box.vertices());
    }

    @Test
    void rotationQuaternionIsApplied() {
        float[] point = {1, 0, 0};
        // 90 degrees about glTF Y: x -> -z
        double s = Math.sqrt(0.5);
        String nodes = "[{\"mesh\":0,\"rotation\":[0," + s + ",0," + s + "]}]";

        GlbBounds.Box box = GlbBounds.of(glb(point, nodes));

        // glTF (0, 0, -1) m -> Blender (0, 1, 0) m
        assertArrayEquals(new double[] {0, 1000, 0}, box.min(), 1e-3);
    }

    @Test
    void somethingElseIsNotAGlb() {
        assertThrows(GlbBounds.NotGlb.class, () -> GlbBounds.of("not a glb at all, really".getBytes(StandardCharsets.UTF_8)));
    }
}
