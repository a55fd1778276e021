package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.FailureCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderSettingsTest {

    @Test
    void defaultsAreCyclesOnCpuSixteenSamplesSeedZeroOpaque() {
        RenderSettings s = RenderSettings.from(Map.of(), 512);
        assertEquals("CYCLES", s.engine());
        assertEquals(512, s.width());
        assertEquals(16, s.samples());
        assertEquals(0, s.seed());
        assertFalse(s.transparentBackground());
        assertEquals(24, s.frameCount());
        assertEquals(List.of("front", "left", "back", "right"), s.angles());
    }

    @Test
    void paramsOverrideAndDurationGivesFrames() {
        RenderSettings s = RenderSettings.from(Map.of("engine", "eevee", "width", 64, "height", 32, "samples", 4, "seed", 7,
                "transparent_background", true, "fps", 12, "duration_s", 2.5, "compression", "zstd"), 512);
        assertEquals("BLENDER_EEVEE", s.engine());
        assertEquals(30, s.frameCount());
        assertTrue(s.compress());
        assertTrue(s.transparentBackground());
    }

    @Test
    void outOfRangeOrUnknownValuesAreInvalidJobs() {
        for (Map<String, Object> params : List.<Map<String, Object>>of(Map.of("engine", "povray"), Map.of("width", 0),
                Map.of("samples", 2.5), Map.of("rotation_axis", "W"), Map.of("angles", List.of("underneath")),
                Map.of("angles", List.of(Map.of("name", "../x"))), Map.of("angles", List.of(400)),
                Map.of("angles", "front"))) {
            JobFailure failure = assertThrows(JobFailure.class, () -> RenderSettings.from(params, 512), params.toString());
            assertEquals(FailureCode.INVALID_JOB, failure.code());
        }
    }

    @Test
    void theRegistrysContractIsAccepted_emptyAnglesForAStillAndAzimuthsInDegrees() {
        // blender_still's schema defaults angles to [] and lists azimuths as numbers
        assertEquals(List.of("front", "left", "back", "right"),
                RenderSettings.from(Map.of("angles", List.of()), 512).angles());
        assertEquals(List.of(Map.of("name", "az0", "azimuth", 0.0), Map.of("name", "az90", "azimuth", 90.0)),
                RenderSettings.from(Map.of("angles", List.of(0, 90.0)), 512).angles());
    }

    @Test
    void cameraSettingsOfTheNodeContractBecomeTheScriptsCameraSpec() {
        assertEquals(Map.of("framing", "auto_fit", "azimuth_deg", 30.0, "elevation_deg", 15.0, "framing_margin", 0.1,
                        "focal_length_mm", 50.0),
                CameraSettings.from(Map.of("camera_framing", "auto_fit", "camera_azimuth_deg", 30,
                        "camera_elevation_deg", 15, "framing_margin", 0.1, "focal_length_mm", 50)));
        assertEquals(Map.of(), CameraSettings.from(Map.of()), "a job without camera settings leaves framing to the template");
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class,
                () -> CameraSettings.from(Map.of("camera_framing", "fisheye"))).code());
        assertEquals(FailureCode.INVALID_JOB, assertThrows(JobFailure.class,
                () -> CameraSettings.from(Map.of("camera_elevation_deg", 120))).code());
    }

    @Test
    void turntableVideoNeedsEvenDimensions() {
        JobFailure failure = assertThrows(JobFailure.class,
                () -> RenderSettings.from(Map.of("width", 65, "height", 64), 512).requireEvenSize());
        assertEquals(FailureCode.INVALID_JOB, failure.code());
    }

    @Test
    void bboxInputIsConvertedToMetresForFraming() {
        Map<String, Object> box = JobExecutor.bboxMetres(Map.of("bbox",
                Map.of("min", List.of(-10, 0, -4), "max", List.of(190, 150, 80), "units", "mm")));
        assertEquals(List.of(-0.01, 0.0, -0.004), box.get("min"));
        assertEquals(List.of(0.19, 0.15, 0.08), box.get("max"));
    }
}
