package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.NodeDefinition;
import com.hartomat.workflow.model.WorkflowValidator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed bodies answer exactly the JSON the workflow-model trees they replace wrote: same members in the same order,
 * nulls present, numbers of the same kind (the console and dispatch read these shapes).
 */
@QuarkusTest
class TypedBodiesShapeTest {

    @Test
    void everyNodeDefinitionIsServedExactlyAsTheCatalogueWritesIt() {
        NodeCatalog catalog = NodeCatalog.standard();
        JsonNode all = get("/api/workflows/node-definitions", 200);
        assertEquals(catalog.all().size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            NodeDefinition definition = catalog.all().get(i);
            assertSame(definition.toJson(), all.get(i));
            assertSame(definition.toJson(), get("/api/workflows/node-definitions/" + definition.step(), 200));
        }
    }

    @Test
    void aValidationReportIsServedExactlyAsTheValidatorWritesIt() {
        JsonNode config = json("{'version':1,'ui':{'execution_mode':'graph'},'nodes':[{'id':'render','step':'blender_still',"
                + "'params':{'width':0}},{'id':'x','step':'warp_drive'}],'edges':[{'from':'x','to':'nowhere'}]}");
        ObjectNode expected = new WorkflowValidator(NodeCatalog.standard()).validate(config).toJson();
        expected.set("config", config);
        assertSame(expected, post("/api/workflows/validate", config, 200));

        // not even an object: every derived member is present and null or empty
        ObjectNode notAnObject = new WorkflowValidator(NodeCatalog.standard()).validate(json("'text'")).toJson();
        notAnObject.set("config", json("'text'"));
        assertSame(notAnObject, post("/api/workflows/validate", "\"text\"", 200));
    }

    private static void assertSame(JsonNode expected, JsonNode actual) {
        assertEquals(names(expected), names(actual), "member order of " + expected.path("step").asText("body"));
        assertEquals(expected, actual);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
