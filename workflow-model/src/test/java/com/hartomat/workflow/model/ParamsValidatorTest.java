package com.hartomat.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast params check must never accept what the JSON Schema rejects (it answers "valid" without asking everit).
 * Every settings field of every step is probed with boundary, wrong-type and out-of-set values; the verdict must
 * equal everit's.
 */
class ParamsValidatorTest {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static List<NodeDefinition> definitions() {
        return NodeCatalog.standard().all();
    }

    static List<JsonNode> probes(JsonNode property) {
        List<JsonNode> values = new ArrayList<>(List.of(F.nullNode(), F.booleanNode(true), F.textNode(""), F.textNode("x"),
                F.numberNode(0), F.numberNode(-1), F.numberNode(1), F.numberNode(1.5), F.numberNode(1.0),
                F.numberNode(Long.MAX_VALUE), F.numberNode(1e30), F.objectNode(), F.arrayNode(),
                F.textNode("#ffffff"), F.textNode("#FFFFFG"), F.textNode("a.blend"), F.textNode("x".repeat(201))));
        if (property.has("minimum")) {
            double min = property.get("minimum").asDouble();
            values.add(F.numberNode(min));
            values.add(F.numberNode(min - 1));
            values.add(F.numberNode(min - 0.001));
            values.add(F.numberNode((long) min));
        }
        if (property.has("maximum")) {
            double max = property.get("maximum").asDouble();
            values.add(F.numberNode(max));
            values.add(F.numberNode(max + 1));
            values.add(F.numberNode(max + 0.001));
            values.add(F.numberNode((long) max));
        }
        if (property.has("default")) {
            values.add(property.get("default"));
        }
        for (JsonNode allowed : property.path("enum")) {
            values.add(allowed);
            values.add(F.textNode(allowed.asText().toUpperCase()));
        }
        JsonNode items = property.path("items");
        if (!items.isMissingNode()) {
            for (JsonNode allowed : items.path("enum")) {
                values.add(F.arrayNode().add(allowed));
                values.add(F.arrayNode().add(allowed).add(allowed));
            }
            values.add(F.arrayNode().add(0).add(90.5));
            values.add(F.arrayNode().add(1000));
            values.add(F.arrayNode().add("x"));
            ArrayNode many = F.arrayNode();
            for (int i = 0; i < 80; i++) {
                many.add(i);
            }
            values.add(many);
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void fastCheckAgreesWithTheJsonSchemaOnEveryProbe(NodeDefinition d) {
        ParamsValidator fast = new ParamsValidator(d.settingsSchema());
        Schema everit = SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(d.settingsSchema().toString()))
                .build().load().build();
        d.settingsSchema().get("properties").fields().forEachRemaining(p -> {
            for (JsonNode value : probes(p.getValue())) {
                ObjectNode params = F.objectNode();
                params.set(p.getKey(), value);
                List<ValidationError> errors = new ArrayList<>();
                fast.check(params, "", errors);
                boolean schemaValid;
                try {
                    everit.validate(new JSONObject(params.toString()));
                    schemaValid = true;
                } catch (ValidationException e) {
                    schemaValid = false;
                }
                assertEquals(schemaValid, errors.isEmpty(), d.step() + "." + p.getKey() + " = " + value + " → " + errors);
            }
        });
    }
}
