package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Api;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CAD intake as an operator runs it: the sample STEP uploaded, the registry's cad_intake blueprint dispatched against
 * the CAD file, then an order line on that CAD file rendered from the GLB the intake exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CadIntakeTest {

    private static final Set<String> INTAKE_STEPS = Set.of("resolve_step_path", "occ_object_extract", "occ_glb_export",
            "glb_bbox", "thumbnail_save");

    @RegisterExtension
    final Scenario s = new Scenario();

    /** The intake's outcome, run once and shared by both tests (a failed intake fails both with its cause). */
    private JsonNode intakeRun;
    private String cadFileId;
    private AssertionError intakeFailure;

    private synchronized JsonNode intake() {
        if (intakeFailure != null) {
            throw new AssertionError("CAD intake did not complete (see cadIntakeBlueprintFillsTheCadFile)", intakeFailure);
        }
        if (intakeRun == null) {
            try {
                String workflow = s.workflow("System CAD intake", Tiny.graph(s.blueprint("cad_intake"), "graph"));
                cadFileId = s.uploadSampleStep().path("id").asText();
                JsonNode dispatched = s.dispatchWorkflow(workflow, cadFileId);
                assertEquals("graph", dispatched.path("execution_mode").asText(), dispatched.toString());
                s.assertWorkerReports(dispatched.path("task_ids").get(0).asText(), "completed");
                intakeRun = s.awaitRunFinished(dispatched.path("workflow_run").path("id").asText());
            } catch (AssertionError e) {
                intakeFailure = e;
                throw e;
            }
        }
        return intakeRun;
    }

    @Test
    @Order(1)
    void cadIntakeBlueprintFillsTheCadFile() {
        JsonNode run = intake();
        assertEquals("completed", Scenario.assertNodeResults(run).path("status").asText(), run.toString());
        List<String> notCompleted = new ArrayList<>();
        Set<String> steps = new HashSet<>();
        run.path("node_results").forEach(n -> {
            steps.add(n.path("step").asText());
            if (!"completed".equals(n.path("status").asText())) {
                notCompleted.add(n.path("node_name").asText() + "=" + n.path("status").asText());
            }
        });
        assertEquals(INTAKE_STEPS, steps, "the blueprint's steps");
        assertTrue(notCompleted.isEmpty(), "every node completed, but " + notCompleted);

        JsonNode parsed = s.cadFile(cadFileId).path("parsed_objects");
        assertTrue(parsed.path("objects").isArray() && parsed.path("objects").size() > 0,
                "parsed_objects has the assembly's objects: " + excerpt(parsed));
        String glb = parsed.path("glb_path").asText("");
        assertFalse(glb.isBlank(), "parsed_objects.glb_path: " + excerpt(parsed));
        assertTrue(Files.isRegularFile(s.storage(glb)), "the GLB " + glb + " is in artifact storage");
        JsonNode bbox = parsed.path("bbox");
        assertEquals(3, bbox.path("min").size(), "bbox.min: " + bbox);
        assertEquals(3, bbox.path("max").size(), "bbox.max: " + bbox);
        for (int i = 0; i < 3; i++) {
            assertTrue(bbox.path("min").get(i).asDouble() < bbox.path("max").get(i).asDouble(), "a real box: " + bbox);
        }
        boolean thumbnail = false;
        for (JsonNode artifact : Scenario.node(run, "thumbnail").path("artifacts")) {
            thumbnail |= "thumbnail".equals(artifact.path("role").asText())
                    && Files.isRegularFile(s.storage(artifact.path("path").asText()));
        }
        assertTrue(thumbnail, "thumbnail_save wrote its PNG: " + Scenario.node(run, "thumbnail"));
    }

    @Test
    @Order(2)
    void stillFromTheExportedGlb() {
        intake();
        String glb = s.cadFile(cadFileId).path("parsed_objects").path("glb_path").asText("");
        assertFalse(glb.isBlank(), "the intake left a glb_path");

        String material = Scenario.unique("Steel");
        s.material(material);
        String category = Scenario.unique("glb");
        s.template(category, null, null);
        String workflow = s.workflow("System still from GLB", Tiny.graph(s.blueprint("still"), "graph"));
        String outputType = s.outputType(workflow, "still_image", Tiny.still());
        Scenario.Line line = s.orderLine(cadFileId, category, material, outputType);
        s.awaitTemplateKnown(workflow, line.id());

        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("workflow_graph", dispatched.path("backend").asText(), dispatched.toString());
        String runId = dispatched.path("workflow_run_id").asText();
        s.assertWorkerReports(dispatched.path("task_ids").get(0).asText(), "completed");
        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());

        JsonNode render = Scenario.node(run, "render");
        String jobId = render.path("job_id").asText(render.path("output").path("task_id").asText());
        JsonNode job = s.tap.job(jobId).orElseThrow(() -> new AssertionError("render job " + jobId + " not on the wire"));
        assertEquals(glb, job.path("inputs").path("glb_path").asText(), "the render job reads the exported GLB: "
                + job.path("inputs"));
        assertTrue(s.tap.events(jobId).stream().noneMatch(e -> "meshing".equals(e.path("progress").path("stage").asText())),
                "the worker rendered the GLB without meshing the STEP again");

        s.settle();
        List<JsonNode> assets = s.mediaAssets(line.id());
        assertEquals(1, assets.size(), "exactly one media asset: " + assets);
        Assets.assertContentMatches(s, assets.get(0));
        assertEquals("completed", s.orderLineState(line.id()).path("render_status").asText());
    }

    private static String excerpt(JsonNode node) {
        return Api.excerpt(node.toString(), 800);
    }
}
