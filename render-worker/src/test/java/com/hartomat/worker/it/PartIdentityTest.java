package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Instance-aware part identity on the gmsh-doc sample: one key per part occurrence, the same in parsed_objects and in
 * the GLB; material assignments by part, by instance and by assembly, read back from the saved .blend.
 */
@QuarkusTest
class PartIdentityTest extends KafkaJobsTest {

    @Test
    @SuppressWarnings("unchecked")
    void theGlbNamesEveryObjectByThePartKeyOfParsedObjects() throws Exception {
        List<Map<String, Object>> occurrences = occurrences();
        String glb = TestJobs.sampleGlb(kafka);

        List<String> nodeNames = new ArrayList<>();
        for (JsonNode node : glbJson(KafkaJobs.storageRoot().resolve(glb)).path("nodes")) {
            if (node.has("mesh")) {
                nodeNames.add(node.path("name").asText());
                assertEquals(node.path("name").asText(), node.path("extras").path("hartomat_key").asText(),
                        "the key travels in the GLB as an extra too");
            }
        }

        assertEquals(new TreeSet<>(occurrences.stream().map(o -> (String) o.get("key")).toList()), new TreeSet<>(nodeNames));
        assertEquals(18, nodeNames.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOccurrenceEndsWithTheMaterialItsAssignmentNamesInTheSavedBlend() throws Exception {
        List<Map<String, Object>> occurrences = occurrences();
        String glb = TestJobs.sampleGlb(kafka);
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("glb_path", glb);
        inputs.put("material_assignments", List.of(
                assignment("nut", "Steel-Red", "#b03030"),
                assignment("AS1/ROD-ASSEMBLY/NUT::2", "Brass", "#c8a040"),
                assignment("as1/l-bracket-assembly_2", "Anodised", "#3050b0"),
                assignment("plate", "Aluminium", "#b0b0b8")));
        inputs.put("default_material", Map.of("material", "Primer", "definition", Map.of("base_color", "#808080")));
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("identity"), JobType.EXPORT_BLEND, TestJobs.id("ol"), null,
                TestJobs.tiny(), inputs, null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Map<String, String> expected = new TreeMap<>();
        List<String> expectedUnassigned = new ArrayList<>();
        for (Map<String, Object> o : occurrences) {
            String key = (String) o.get("key");
            String part = (String) o.get("part");
            String material = key.equals("as1/rod-assembly/nut_2") ? "Brass"
                    : key.startsWith("as1/l-bracket-assembly_2/") ? "Anodised"
                    : part.equals("nut") ? "Steel-Red"
                    : part.equals("plate") ? "Aluminium" : "Primer";
            expected.put(key, material);
            if (material.equals("Primer")) {
                expectedUnassigned.add(key);
            }
        }
        Map<String, JsonNode> saved = readBack(KafkaJobs.storageRoot().resolve(done.artifacts().get(0).path()));
        Map<String, String> actual = new TreeMap<>();
        saved.forEach((key, o) -> actual.put(key, o.path("materials").get(0).asText()));
        assertEquals(expected, actual, "object → material read back from the .blend");
        saved.forEach((key, o) -> assertEquals(1, o.path("materials").size(), key + " has exactly one material"));
        assertEquals(new TreeSet<>(expectedUnassigned), new TreeSet<>((List<String>) done.outputs().get("unassigned")),
                "the node output lists exactly the parts left to the default material");
        Map<String, Map<String, Object>> partMaterials = (Map<String, Map<String, Object>>) done.outputs().get("part_materials");
        assertEquals("instance", partMaterials.get("as1/rod-assembly/nut_2").get("matched_by"));
        assertEquals("part", partMaterials.get("as1/rod-assembly/nut_1").get("matched_by"));
        assertEquals("assembly", partMaterials.get("as1/l-bracket-assembly_2/nut-bolt-assembly_1/nut_3").get("matched_by"),
                "an assembly's assignment wins over the part's for the parts below it");
        assertEquals("default", partMaterials.get("as1/rod-assembly/rod").get("matched_by"));
    }

    @Test
    void everyMeshIsShadedSmoothWithAnAngleThreshold() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("smooth"), JobType.EXPORT_BLEND, TestJobs.id("ol"), null,
                TestJobs.tiny(), Map.of("glb_path", glb), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        Map<String, JsonNode> saved = readBack(KafkaJobs.storageRoot().resolve(done.artifacts().get(0).path()));
        assertEquals(18, saved.size());
        saved.forEach((key, o) -> {
            assertTrue(o.path("all_smooth").asBoolean(), key + ": every face shaded smooth");
            assertTrue(o.path("sharp_edges_kept").asBoolean(), key + ": auto smooth or custom split normals keep hard edges");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> occurrences() {
        String step = TestJobs.stageSampleStep();
        RenderJob job = TestJobs.cadJob(TestJobs.id("extract"), JobType.OCC_OBJECT_EXTRACT, "identity-cad", Map.of(),
                Map.of("step_path", step));
        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        return (List<Map<String, Object>>) ((Map<String, Object>) done.outputs().get("parsed_objects")).get("occurrences");
    }

    private static Map<String, Object> assignment(String part, String material, String hex) {
        return Map.of("part_name", part, "material", material,
                "definition", Map.of("base_color", hex, "metallic", 0.5, "roughness", 0.4));
    }

    /** The JSON chunk of a binary glTF (header 12 bytes, then chunk length, chunk type "JSON", the JSON). */
    static JsonNode glbJson(Path glb) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(glb)).order(ByteOrder.LITTLE_ENDIAN);
        int length = bytes.getInt(12);
        assertEquals(0x4E4F534A, bytes.getInt(16), "first chunk is JSON");
        return Json.mapper().readTree(new String(bytes.array(), 20, length, StandardCharsets.UTF_8));
    }

    /** Opens the .blend in a fresh Blender and prints, per mesh object, its key, materials and shading as JSON. */
    static Map<String, JsonNode> readBack(Path blend) throws Exception {
        String expr = "import bpy, json, math\n"
                + "out = {}\n"
                + "for o in bpy.context.scene.objects:\n"
                + "    if o.type != 'MESH':\n"
                + "        continue\n"
                + "    m = o.data\n"
                + "    out[o.get('hartomat_key', o.name)] = {'object': o.name,\n"
                + "        'materials': [s.material.name if s.material else None for s in o.material_slots],\n"
                + "        'all_smooth': all(p.use_smooth for p in m.polygons),\n"
                + "        'sharp_edges_kept': m.has_custom_normals or (m.use_auto_smooth and abs(math.degrees(m.auto_smooth_angle) - 30) < 0.01)}\n"
                + "print('READBACK ' + json.dumps(out))\n";
        Process process = new ProcessBuilder("blender", "-b", blend.toString(), "--factory-startup", "--python-exit-code", "3",
                "--python-expr", expr).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        String line = output.lines().filter(l -> l.startsWith("READBACK ")).findFirst().orElseThrow(() -> new AssertionError(output));
        Map<String, JsonNode> objects = new TreeMap<>();
        Json.mapper().readTree(line.substring("READBACK ".length())).fields()
                .forEachRemaining(e -> objects.put(e.getKey(), e.getValue()));
        return objects;
    }
}
