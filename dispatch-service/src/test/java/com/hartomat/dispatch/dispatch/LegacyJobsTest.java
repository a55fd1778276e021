package com.hartomat.dispatch.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyJobsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "still_image, still",
        "turntable_video, turntable",
        "multi_angle_stills, multi_angle",
        "blend_asset, still_with_exports",
        "none, still"})
    void theLegacyPipelineRendersWhatTheOutputTypeAsksFor(String artifactKind, String preset) {
        assertEquals(preset, LegacyJobs.presetFor(artifactKind));
    }
}
