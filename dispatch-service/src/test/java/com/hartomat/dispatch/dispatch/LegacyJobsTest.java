package com.hartomat.dispatch.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hartomat.contracts.messages.ContextKind;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.runtime.ContextData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyJobsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "still_image, still",
        "turntable_video, turntable",
        "multi_angle_stills, multi_angle",
        "blend_asset, still_with_exports",
        "none, still"})
    void theLegacyPipelineRendersWhatTheOutputTypeAsksFor(String artifactKind, String preset) {
        assertEquals(preset, LegacyJobs.presetFor(artifactKind));
    }

    @Test
    void partMaterialsCarryTheLibraryDefinitionsTheGraphResolves() {
        Map<String, Object> red = Map.of("base_color", "#cc2222", "roughness", 0.4);
        Map<String, Object> steel = Map.of("base_color", "#8899aa", "metallic", 1.0);
        List<RegistryEntity> library = List.of(
                new RegistryEntity("material", "m1", 1, Map.of("name", "Signal Red", "definition", red)),
                new RegistryEntity("material", "m2", 1, Map.of("name", "Steel", "aliases", List.of("stahl"),
                        "definition", steel)));
        ContextData ctx = new ContextData(ContextKind.ORDER_LINE, UUID.randomUUID(), UUID.randomUUID(), "submitted",
                UUID.randomUUID(), "bracket", "brackets", List.of(
                        Map.of("part_name", "body", "material", "signal red"),
                        Map.of("part_name", "bolt", "material", "Stahl"),
                        Map.of("part_name", "cap", "material", "Unobtainium")),
                "ot-still", UUID.randomUUID(), "bracket.step", "step_files/bracket.step", null);

        RenderJob job = LegacyJobs.job(ctx, library, "still", null, null, Map.of(), Instant.now());

        assertEquals(JobType.LEGACY_RENDER, job.jobType());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> materials = (List<Map<String, Object>>) job.inputs().get("material_assignments");
        assertEquals(3, materials.size());
        assertEquals("body", materials.get(0).get("part_name"));
        assertEquals(red, materials.get(0).get("definition"));
        assertEquals(steel, materials.get(1).get("definition"), "resolved through the alias, as material_map_resolve does");
        assertEquals("Unobtainium", materials.get(2).get("material"));
        assertNull(materials.get(2).get("definition"), "an unknown material stays unresolved (the worker's default)");
    }
}
