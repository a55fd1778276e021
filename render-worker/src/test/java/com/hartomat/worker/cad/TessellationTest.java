package com.hartomat.worker.cad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TessellationTest {

    @Test
    void theElementCountKeepsTheSilhouetteWithinTheToleranceAtTheDesignSize() {
        int n = Tessellation.curvatureElements(20, 512, 0.5);

        assertEquals(51, n);
        double radius = 256;
        assertTrue(radius * (1 - Math.cos(Math.PI / n)) <= 0.5, "sagitta at 51 elements");
        assertTrue(radius * (1 - Math.cos(Math.PI / (n - 1))) > 0.5, "50 would show a facet");
    }

    @Test
    void theConfiguredCountIsAFloorAndTheMaximumACeiling() {
        assertEquals(20, Tessellation.curvatureElements(20, 64, 0.5), "64 px needs 18, the floor is 20");
        assertEquals(Tessellation.MAX_ELEMENTS, Tessellation.curvatureElements(20, 8192, 0.5));
    }

    @Test
    void noDesignSizeOrToleranceKeepsTheConfiguredCount() {
        assertEquals(6, Tessellation.curvatureElements(6, 0, 0.5));
        assertEquals(6, Tessellation.curvatureElements(6, 512, 0));
        assertEquals(6, Tessellation.curvatureElements(6, 1, 0.5));
    }
}
