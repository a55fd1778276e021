package com.hartomat.dispatch.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.WorkflowConfigs;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowParityTest {

    private static final List<Map<String, String>> STEEL_BODY = List.of(Map.of("part_name", "Body", "material", "Steel"));
    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeCatalog.standard());

    @Test
    void aPresetStillCannotObserveALegacyRenderOfAProductWithMaterials() {
        NodeInputMissing refusal = assertThrows(NodeInputMissing.class, () -> ShadowParity.requireFaithfulObserver(
                analysis(WorkflowConfigs.preset("still", Map.of("width", 640, "height", 640))), STEEL_BODY));
        assertTrue(refusal.getMessage().contains("material_assignments"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("'render'"), refusal.getMessage());
    }

    @Test
    void aGraphThatResolvesMaterialsUpstreamOfItsRenderIsAFaithfulObserver() {
        assertDoesNotThrow(() -> ShadowParity.requireFaithfulObserver(analysis(WorkflowConfigs.blueprint("still")),
                STEEL_BODY));
    }

    @Test
    void withoutPartMaterialsThereIsNothingToReproduce() {
        assertDoesNotThrow(() -> ShadowParity.requireFaithfulObserver(
                analysis(WorkflowConfigs.preset("still", Map.of())), List.of()));
    }

    private static GraphAnalysis analysis(JsonNode config) {
        var result = VALIDATOR.validate(config);
        assertEquals(List.of(), result.errors());
        return result.analysis();
    }
}
