package com.hartomat.registry.outputtypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.WorkflowConfigs;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationContractTest {

    static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeCatalog.standard());

    static GraphAnalysis analysis(JsonNode config) {
        return VALIDATOR.validate(config).analysis();
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void blendOnlyWorkflowIsIncompatibleWithAStillOutputTypeInTheReferencesWords() {
        List<ValidationError> errors = InvocationContract.compatibility("order_line", "still_image",
                analysis(WorkflowConfigs.blueprint("blend_export")));
        assertEquals(1, errors.size());
        assertEquals("artifact_kind_mismatch", errors.get(0).code());
        assertTrue(errors.get(0).message().contains("Expected artifact kind: still_image."));
        assertTrue(errors.get(0).message().contains("blend_asset"));
    }

    @Test
    void stillWithExportsServesBothStillAndBlendOutputTypes() {
        GraphAnalysis a = analysis(WorkflowConfigs.preset("still_with_exports", Map.of()));
        assertTrue(InvocationContract.compatibility("order_line", "still_image", a).isEmpty());
        assertTrue(InvocationContract.compatibility("order_line", "blend_asset", a).isEmpty());
        assertEquals("workflow_family_mismatch", InvocationContract.compatibility("cad_file", "still_image", a).get(0).code());
    }

    @Test
    void artifactKindMustFitTheFamily() {
        assertTrue(InvocationContract.kindFitsFamily("cad_file", "cad_thumbnail").isEmpty());
        assertEquals("artifact_kind_family_mismatch", InvocationContract.kindFitsFamily("order_line", "cad_thumbnail").get(0).code());
    }

    @Test
    void overridesAreCheckedAgainstTheLinkedNodesSchemas() throws Exception {
        GraphAnalysis still = analysis(WorkflowConfigs.blueprint("still"));
        assertTrue(InvocationContract.overrides(json("{'render':{'width':2048,'engine':'eevee'}}"), still, VALIDATOR).isEmpty());
        List<String> codes = InvocationContract.overrides(json("{'render':{'engine':'octane'},'ghost':{}}"), still, VALIDATOR)
                .stream().map(ValidationError::code).sorted().toList();
        assertEquals(List.of("invalid_params", "unknown_override_node"), codes);
        assertEquals("overrides_without_workflow",
                InvocationContract.overrides(json("{'render':{}}"), null, VALIDATOR).get(0).code());
    }

    @Test
    void legacyRenderSettingsKeepUnknownKeysButCheckKnownOnes() throws Exception {
        NodeCatalog catalog = NodeCatalog.standard();
        assertTrue(InvocationContract.renderSettings(json("{'width':800,'legacy_flag':true}"), "still_image", catalog, VALIDATOR)
                .isEmpty());
        List<ValidationError> errors = InvocationContract.renderSettings(json("{'samples':0}"), "still_image", catalog, VALIDATOR);
        assertEquals("/render_settings/samples", errors.get(0).path());
        JsonNode defaults = InvocationContract.defaultRenderSettings("turntable_video", catalog);
        assertEquals(24, defaults.get("fps").asInt());
        assertTrue(InvocationContract.renderSettings(defaults, "turntable_video", catalog, VALIDATOR).isEmpty(),
                "create defaults are accepted by the same checks");
    }
}
