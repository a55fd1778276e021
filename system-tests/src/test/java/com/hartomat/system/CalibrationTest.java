package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Api;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.SystemStack;
import com.hartomat.system.support.Tiny;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An A/A calibration end to end: comparison-service asks dispatch for the renders, the worker renders the order line
 * twice with Blender (silently, under the calibration suffix), dispatch sends the pair, comparison stores the output
 * type's noise floor. Nothing is published and the order line is untouched.
 */
class CalibrationTest {

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void twoLegacyRendersOfALineGiveItsOutputTypeANoiseFloor() {
        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("calibration");
        s.template(category, null, null);
        String outputType = s.outputType(null, "still_image", Tiny.still());
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);
        Api comparison = s.stack.api(SystemStack.Service.COMPARISON);

        JsonNode started = comparison.post("/api/comparisons/calibrations", Map.of("output_type_id", outputType,
                "order_line_id", line.id(), "runs", 2)).expect(202);
        String id = started.path("id").asText();
        assertEquals("rendering", started.path("status").asText(), started.toString());
        started.path("job_ids").forEach(job -> s.assertWorkerReports(job.asText(), "completed"));

        JsonNode done = s.awaitState("calibration " + id + " to finish",
                () -> comparison.get("/api/comparisons/calibrations/" + id).expect(200),
                c -> Set.of("completed", "failed").contains(c.path("status").asText()));
        assertEquals("completed", done.path("status").asText(), done.toString());
        double floor = done.path("noise_floor").asDouble(-1);
        assertTrue(floor >= 0 && floor < 0.01, "same scene, seed and samples: (almost) no noise: " + done);
        assertEquals(1, done.path("samples").size(), done.toString());

        JsonNode floors = comparison.get("/api/comparisons/noise-floors").expect(200);
        boolean stored = false;
        for (JsonNode f : floors) {
            stored |= outputType.equals(f.path("output_type_id").asText())
                    && ("calibration:" + id).equals(f.path("source").asText());
        }
        assertTrue(stored, "the output type's noise floor comes from this calibration: " + floors);

        String suffix = "_calibration-" + id.substring(0, 8) + "-1";
        String prefix = "renders/" + line.id() + "/line_" + line.id() + suffix;
        boolean rendered = Files.exists(s.storage(prefix + ".png"));
        assertTrue(rendered, "render 1 is in storage under its suffix: " + prefix + ".png");
        s.settle();
        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(0, assets.size(), "a calibration publishes nothing: " + assets);
        assertEquals("pending", s.orderLineState(line.id()).path("render_status").asText());
    }
}
