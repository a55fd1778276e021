package com.hartomat.dispatch.runtime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.PartCoverageTest;
import com.hartomat.workflow.model.AnalyzedNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaterialNodesTest {

    private static final List<RegistryEntity> LIBRARY = List.of(
            new RegistryEntity("material", "m1", 1, Map.of("name", "Steel", "definition", Map.of("base_color", "#8899aa"))),
            new RegistryEntity("material", "m2", 1, Map.of("name", "Brass", "definition", Map.of("base_color", "#c8a040"))));

    private static NodeScope scope(String step, Map<String, Object> params, List<Object> partMaterials) {
        ContextData context = PartCoverageTest.context(partMaterials, PartCoverageTest.PARSED_FOR_NODES);
        AnalyzedNode node = new AnalyzedNode("n1", step, params, List.of(), List.of(), null);
        return new NodeScope(context, node, Map.of("n1", node), Map.of(), new NodeScope.Library(Optional.empty(), LIBRARY));
    }

    @Test
    @SuppressWarnings("unchecked")
    void materialMapResolveListsTheOccurrencesNoAssignmentCovers() {
        InProcessNode.Result result = new MaterialMapResolveNode().execute(scope("material_map_resolve", Map.of(), List.of(
                Map.of("part_name", "nut", "material", "Steel"),
                Map.of("part_name", "as1/rod-assembly/nut_2", "material", "Brass"))));

        assertEquals(List.of("as1/rod-assembly/rod", "as1/l-bracket-assembly_1/nut-bolt-assembly_1/bolt"),
                result.output().get("unassigned"));
        List<Map<String, Object>> map = (List<Map<String, Object>>) result.output().get("material_map");
        assertEquals("as1/rod-assembly/nut_2", map.get(1).get("part_name"), "the instance's entry is passed on by key");
        assertEquals(Map.of("base_color", "#c8a040"), map.get(1).get("definition"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoPopulateByPartKeyGivesEveryUncoveredOccurrenceTheDefault() {
        InProcessNode.Result result = new AutoPopulateMaterialsNode().execute(scope("auto_populate_materials",
                Map.of("default_material", "Steel", "match_by", "part_key"), List.of(
                        Map.of("part_name", "as1/rod-assembly/nut_2", "material", "Brass"))));

        List<Map<String, Object>> assignments = (List<Map<String, Object>>) result.output().get("material_assignments");
        assertEquals(List.of("as1/rod-assembly/nut_2", "as1/rod-assembly/nut_1", "as1/rod-assembly/rod",
                "as1/l-bracket-assembly_1/nut-bolt-assembly_1/bolt"),
                assignments.stream().map(a -> a.get("part_name")).toList());
        assertEquals(List.of("product", "default", "default", "default"), assignments.stream().map(a -> a.get("source")).toList());
        assertEquals(3, result.output().get("populated_count"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoPopulateByPartNameKeepsFillingInPerPart() {
        InProcessNode.Result result = new AutoPopulateMaterialsNode().execute(scope("auto_populate_materials",
                Map.of("default_material", "Steel"), List.of(Map.of("part_name", "as1/rod-assembly/nut_2", "material", "Brass"))));

        List<Map<String, Object>> assignments = (List<Map<String, Object>>) result.output().get("material_assignments");
        assertEquals(List.of("as1/rod-assembly/nut_2", "nut", "rod", "bolt"), assignments.stream().map(a -> a.get("part_name")).toList());
    }
}
