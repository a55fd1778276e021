package com.hartomat.worker.it;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Render jobs as dispatch would send them, with tiny scenes (64×64, 4 samples). */
public final class TestJobs {

    public static final Path SAMPLE_STEP = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");
    public static final String SAMPLE_CAD = "sample-as1";
    public static final String SAMPLE_STEP_PATH = "cad/" + SAMPLE_CAD + "/as1-tu-203.stp.gz";

    private static String sampleGlb;

    private TestJobs() {
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> tiny(Object... extra) {
        Map<String, Object> params = new HashMap<>(Map.of("width", 64, "height", 64, "samples", 4, "seed", 1));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            params.put((String) extra[i], extra[i + 1]);
        }
        return params;
    }

    public static RenderJob orderLineJob(String jobId, JobType type, String orderLine, String preset,
            Map<String, Object> params, Map<String, Object> inputs, String suffix, Integer timeoutS) {
        Publication publication = suffix == null ? Publication.legacy()
                : new Publication(false, false, List.of(), false, false, suffix, false, List.of());
        return RenderJob.of(jobId, type, taskName(type), suffix == null ? ExecutionMode.GRAPH : ExecutionMode.SHADOW, preset,
                "run-" + jobId, "node-" + type.wire(), "wf-1",
                RenderContext.orderLine(orderLine, "p-1", "o-1", "ot-1", SAMPLE_CAD), params, inputs, publication,
                timeoutS, Instant.now());
    }

    public static RenderJob cadJob(String jobId, JobType type, String cadFileId, Map<String, Object> params,
            Map<String, Object> inputs) {
        return RenderJob.of(jobId, type, "app.domains.pipeline.tasks." + type.wire(), ExecutionMode.GRAPH, null,
                "run-" + jobId, "node-" + type.wire(), "wf-cad", RenderContext.cadFile(cadFileId), params, inputs,
                Publication.legacy(), null, Instant.now());
    }

    static String taskName(JobType type) {
        return switch (type) {
            case STILL, LEGACY_RENDER -> "app.domains.rendering.tasks.render_order_line_still_task";
            case TURNTABLE -> "app.domains.rendering.tasks.render_turntable_task";
            case EXPORT_BLEND -> "app.domains.rendering.tasks.export_blend_for_order_line_task";
            default -> "app.domains.rendering.tasks." + type.wire();
        };
    }

    /** Puts the gmsh-doc sample assembly into artifact storage where CAD jobs name it. */
    public static String stageSampleStep() {
        Path target = KafkaJobs.storageRoot().resolve(SAMPLE_STEP_PATH);
        try {
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.copy(SAMPLE_STEP, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SAMPLE_STEP_PATH;
    }

    /**
     * The sample assembly converted once per test run by a real {@code occ_glb_export} job, reused by the
     * render tests (the conversion itself is asserted in CadChainTest).
     */
    public static synchronized String sampleGlb(KafkaJobs kafka) {
        if (sampleGlb == null) {
            stageSampleStep();
            RenderJob job = cadJob(id("sample-glb"), JobType.OCC_GLB_EXPORT, SAMPLE_CAD, Map.of(),
                    Map.of("step_path", SAMPLE_STEP_PATH));
            kafka.send(job);
            var outcome = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));
            if (outcome.outputs() == null || outcome.outputs().get("glb_path") == null) {
                throw new AssertionError("sample conversion failed: " + outcome);
            }
            sampleGlb = outcome.outputs().get("glb_path").toString();
        }
        return sampleGlb;
    }

    public static Map<String, Object> materials() {
        return Map.of("material_assignments", List.of(
                Map.of("part_name", "nut", "material", "Steel-Red",
                        "definition", Map.of("base_color", List.of(0.8, 0.1, 0.1, 1.0), "metallic", 1.0, "roughness", 0.3)),
                Map.of("part_name", "plate", "material", "Aluminium",
                        "definition", Map.of("base_color", List.of(0.7, 0.7, 0.75, 1.0), "metallic", 0.8, "roughness", 0.4))));
    }
}
