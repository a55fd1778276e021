package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.contracts.messages.FailureCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneInputsTest {

    @Test
    void withoutATemplateFileThePartsGetTheirMaterialsWhateverTheTemplateNodeSaid() {
        // resolve_template without a template: use_materials false, the default scene
        assertEquals(true, SceneInputs.useMaterials(null, false));
        assertEquals(true, SceneInputs.useMaterials(null, null));
        // a template chooses between its own materials and the library's
        assertEquals(false, SceneInputs.useMaterials("/templates/studio.blend", false));
        assertEquals(true, SceneInputs.useMaterials("/templates/studio.blend", true));
        assertEquals(true, SceneInputs.useMaterials("/templates/studio.blend", null));
    }

    @Test
    void aRegistryHexBaseColourBecomesLinearRgba() {
        Map<String, Object> definition = Map.of("base_color", "#b03030", "metallic", 0.8, "roughness", 0.35);
        List<Object> out = SceneInputs.materials(List.of(Map.of("part_name", "nut", "material", "Steel", "definition", definition)));
        @SuppressWarnings("unchecked")
        Map<String, Object> converted = (Map<String, Object>) ((Map<String, Object>) out.get(0)).get("definition");
        @SuppressWarnings("unchecked")
        List<Double> rgba = (List<Double>) converted.get("base_color");
        assertEquals(4, rgba.size());
        assertEquals(0.4342, rgba.get(0), 1e-4, "0xb0 = 176 in sRGB is 0.434 linear");
        assertEquals(0.0296, rgba.get(1), 1e-4);
        assertEquals(1.0, rgba.get(3));
        assertEquals(0.8, converted.get("metallic"));
        assertEquals(List.of(0.0, 0.0, 0.0, 1.0), SceneInputs.linearRgba("#000000"));
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), SceneInputs.linearRgba("#FFFFFF"));
    }

    @Test
    void rgbaListsAndEntriesWithoutDefinitionPassUnchanged() {
        Map<String, Object> rgba = Map.of("part_name", "plate", "definition", Map.of("base_color", List.of(0.7, 0.7, 0.75, 1.0)));
        Map<String, Object> bare = Map.of("part_name", "nut", "material", "Steel");
        List<Object> out = SceneInputs.materials(List.of(rgba, bare));
        assertEquals(rgba, out.get(0));
        assertEquals(bare, out.get(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAssignmentNamingAPathInTheTreeCarriesItsPartKeyAndAPartNameNone() {
        List<Object> out = SceneInputs.materials(List.of(
                Map.of("part_name", "AS1/ROD-ASSEMBLY/NUT::2", "material", "Brass"),
                Map.of("part_name", "as1/rod-assembly/nut_1", "material", "Steel"),
                Map.of("part_name", "nut", "material", "Steel"),
                Map.of("part_name", "NUT::1", "material", "Steel")));

        assertEquals("as1/rod-assembly/nut_2", ((Map<String, Object>) out.get(0)).get("part_key"));
        assertEquals("AS1/ROD-ASSEMBLY/NUT::2", ((Map<String, Object>) out.get(0)).get("part_name"), "kept for the report");
        assertEquals("as1/rod-assembly/nut_1", ((Map<String, Object>) out.get(1)).get("part_key"));
        assertEquals(null, ((Map<String, Object>) out.get(2)).get("part_key"), "a part name: every instance of the part");
        assertEquals(null, ((Map<String, Object>) out.get(3)).get("part_key"), "an instance name, matched as before");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDefaultMaterialIsConvertedLikeAnAssignmentAndMustNameItsMaterial() {
        Map<String, Object> out = SceneInputs.defaultMaterial(Map.of("material", "Grey", "definition",
                Map.of("base_color", "#808080", "roughness", 0.5)));
        assertEquals("Grey", out.get("material"));
        assertEquals(0.2159, ((List<Double>) ((Map<String, Object>) out.get("definition")).get("base_color")).get(0), 1e-4);
        assertEquals(null, SceneInputs.defaultMaterial(null));
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class,
                () -> SceneInputs.defaultMaterial(Map.of("definition", Map.of()))).code());
    }

    @Test
    void aMalformedColourOrAMissingPartNameIsAnInvalidJob() {
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class, () -> SceneInputs.materials(List.of(
                Map.of("part_name", "nut", "definition", Map.of("base_color", "red"))))).code());
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class,
                () -> SceneInputs.materials(List.of(Map.of("material", "Steel")))).code());
    }

    @Test
    void theRegistrysCameraPresetsMapOntoTheScriptsViews() {
        assertEquals(Map.of("camera_preset", "front"), camera("front"));
        assertEquals(Map.of("camera_preset", "top"), camera("top"));
        assertEquals(Map.of("camera_preset", "iso"), camera("three_quarter"));
        assertEquals(Map.of("use_template_camera", false), camera("auto_fit"));
        assertEquals(Map.of("use_template_camera", true), camera("template_camera"));
        assertEquals(Map.of(), camera(null));
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class, () -> camera("fisheye")).code());
    }

    private static Map<String, Object> camera(String preset) {
        Map<String, Object> template = new LinkedHashMap<>();
        SceneInputs.camera(preset, template);
        return template;
    }
}
