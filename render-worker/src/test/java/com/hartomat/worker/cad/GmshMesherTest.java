package com.hartomat.worker.cad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GmshMesherTest {

    @Test
    void theFirstThreeDimensionalLabelsNameTheVolumesInTagOrder() {
        List<String> log = List.of(
                "Info    :  - Label 'Shapes/as1/ROD-ASSEMBLY/rod-assembly/NUT::1/nut' (3D)",
                "Info    :  - Label 'Shapes/as1/PLATE/plate' (3D)",
                "Info    :  - Label 'Shapes/as1/PLATE/plate/face' (2D)",
                "Info    :  - Label 'Shapes/rod-assembly/NUT::1/nut' (3D)");

        Map<Integer, GmshMesher.PartLabel> labels = GmshMesher.labels(log, 2);

        assertEquals(2, labels.size(), "labels beyond the volume count repeat sub-assembly shapes");
        assertEquals(new GmshMesher.PartLabel("Shapes/as1/ROD-ASSEMBLY/rod-assembly/NUT::1/nut", "NUT::1", "nut",
                "as1/rod-assembly/nut_1"), labels.get(1));
        assertEquals("plate", labels.get(2).part());
        assertEquals("PLATE", labels.get(2).instance());
    }

    @Test
    void aTopLevelShapeIsItsOwnInstance() {
        assertEquals(new GmshMesher.PartLabel("Shapes/block", "block", "block", "block"), GmshMesher.label("Shapes/block"));
    }

    /** The 3D labels gmsh 4.8 logs for the gmsh-doc sample ({@code gmsh as1-tu-203.stp -2}), in volume order. */
    static final List<String> SAMPLE_LABELS = List.of(
            "as1/ROD-ASSEMBLY/rod-assembly/NUT::1/nut",
            "as1/ROD-ASSEMBLY/rod-assembly/NUT::2/nut",
            "as1/ROD-ASSEMBLY/rod-assembly/ROD/rod",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::1/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::1/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::2/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::2/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::3/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/NUT-BOLT-ASSEMBLY::3/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::1/l-bracket-assembly/L-BRACKET/l-bracket",
            "as1/PLATE/plate",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::1/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::1/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::2/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::2/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::3/nut-bolt-assembly/BOLT/bolt",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/NUT-BOLT-ASSEMBLY::3/nut-bolt-assembly/NUT::3/nut",
            "as1/L-BRACKET-ASSEMBLY::2/l-bracket-assembly/L-BRACKET/l-bracket");

    @Test
    void theSampleMeshKeysAreExactlyThePartOccurrenceKeysOfTheStepTree() throws Exception {
        List<String> log = SAMPLE_LABELS.stream().map(l -> "Info    :  - Label 'Shapes/" + l + "' (3D)").toList();
        List<String> meshKeys = GmshMesher.labels(log, 18).values().stream().map(GmshMesher.PartLabel::key).toList();
        List<String> stepKeys = StepAssemblyParser.parse(StepAssemblyParserTest.sample()).partOccurrences().stream()
                .map(StepAssembly.PartOccurrence::key).toList();

        assertEquals(18, new java.util.HashSet<>(meshKeys).size(), "every solid of the sample has its own key: " + meshKeys);
        assertEquals(new java.util.TreeSet<>(stepKeys), new java.util.TreeSet<>(meshKeys));
        assertEquals(List.of("as1/rod-assembly/nut_1", "as1/rod-assembly/nut_2"), meshKeys.subList(0, 2),
                "the two nuts of the rod assembly are told apart");
    }
}
