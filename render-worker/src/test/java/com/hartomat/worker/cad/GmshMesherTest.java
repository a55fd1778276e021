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
        assertEquals(new GmshMesher.PartLabel("Shapes/as1/ROD-ASSEMBLY/rod-assembly/NUT::1/nut", "NUT::1", "nut"), labels.get(1));
        assertEquals("plate", labels.get(2).part());
        assertEquals("PLATE", labels.get(2).instance());
    }

    @Test
    void aTopLevelShapeIsItsOwnInstance() {
        assertEquals(new GmshMesher.PartLabel("Shapes/block", "block", "block"), GmshMesher.label("Shapes/block"));
    }
}
