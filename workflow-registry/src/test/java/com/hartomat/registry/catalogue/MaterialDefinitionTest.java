package com.hartomat.registry.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaterialDefinitionTest {

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void validDefinitionPassesAndGetsTheSchemaDefaults() throws Exception {
        ObjectNode given = json("{'base_color':'#112233','library_path':'materials/metals.blend','blender_material':'Brushed'}");
        assertTrue(MaterialDefinition.check(given).isEmpty());
        ObjectNode full = MaterialDefinition.withDefaults(given);
        assertEquals("#112233", full.get("base_color").asText());
        assertEquals(0.5, full.get("roughness").asDouble());
        assertTrue(MaterialDefinition.check(full).isEmpty(), "defaults are valid against the schema");
    }

    @Test
    void everyProblemIsReportedWithItsPath() throws Exception {
        List<String> paths = MaterialDefinition.check(json("{'metallic':2,'base_color':'red','library_path':'x.txt','glow':1}"))
                .stream().map(e -> e.code() + "@" + e.path()).sorted().toList();
        assertEquals(List.of("invalid_params@/definition/base_color", "invalid_params@/definition/library_path",
                "invalid_params@/definition/metallic", "unknown_param@/definition/glow"), paths);
    }
}
