package com.hartomat.comparison.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.comparison.calibration.NoiseFloorEstimate.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoiseFloorEstimateTest {

    @Test
    void theFloorIsTheLargestDeltaBetweenTheFirstRenderAndEachOther() {
        NoiseFloorEstimate.Result r = NoiseFloorEstimate.of(List.of(new Sample(1, "mismatched", 0.0004, null),
                new Sample(2, "matched", 0.0, null), new Sample(3, "mismatched", 0.0011, null)));
        assertEquals(Optional.of(0.0011), r.floor());
    }

    @Test
    void identicalRendersHaveAFloorOfZero() {
        assertEquals(Optional.of(0.0), NoiseFloorEstimate.of(List.of(new Sample(1, "matched", 0.0, null))).floor());
    }

    @Test
    void aPairThatCouldNotBeMeasuredMeasuresNoFloor() {
        NoiseFloorEstimate.Result r = NoiseFloorEstimate.of(List.of(new Sample(1, "matched", 0.0, null),
                new Sample(2, "failed", null, "render 2 failed: Blender said no")));
        assertTrue(r.floor().isEmpty());
        assertEquals("pair 2 could not be measured (failed: render 2 failed: Blender said no)", r.failureReason());
        assertTrue(NoiseFloorEstimate.of(List.of()).floor().isEmpty());
    }
}
