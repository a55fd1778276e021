package com.hartomat.registry.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.api.errors.ApiException;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationLimits;
import com.hartomat.workflow.model.WorkflowConfigs;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowAdmissionTest {

    final WorkflowAdmission admission = new WorkflowAdmission(new WorkflowValidator(NodeCatalog.standard(), new ValidationLimits(50, 100)));

    @Test
    void validConfigIsAdmittedCanonical() throws Exception {
        ObjectNode legacy = (ObjectNode) new ObjectMapper().readTree("{\"type\":\"still\",\"params\":{\"width\":640}}");
        WorkflowAdmission.Admitted admitted = admission.admit(legacy, "/config");
        assertEquals(WorkflowConfigs.preset("still", Map.of("width", 640)).get("nodes"), admitted.config().get("nodes"));
        assertEquals(List.of("still_image"), admitted.analysis().terminalArtifactKinds());
    }

    @Test
    void invalidConfigIs422WithPathsUnderTheBodyField() {
        ObjectNode config = WorkflowConfigs.blueprint("blend_export");
        ((ObjectNode) config.at("/nodes/2/params")).put("compress", "maybe");
        ApiException e = assertThrows(ApiException.class, () -> admission.admit(config, "/config"));
        assertEquals(422, e.status());
        assertEquals("invalid_workflow_config", e.code());
        assertEquals("/config/nodes/2/params/compress", e.errors().get(0).path());
    }

    @Test
    void oversizedGraphIs413WithTheLimitsCode() {
        ObjectNode config = WorkflowConfigs.blueprint("still");
        ArrayNode nodes = (ArrayNode) config.get("nodes");
        for (int i = 0; i < 60; i++) {
            nodes.addObject().put("id", "n" + i).put("step", "notify");
        }
        ApiException e = assertThrows(ApiException.class, () -> admission.admit(config, "/config"));
        assertEquals(413, e.status());
        assertEquals("too_many_nodes", e.code());
        assertEquals("/config/nodes", e.path());
    }
}
