package com.hartomat.dispatch.dispatch;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.dispatch.runtime.MaterialLibrary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The legacy pipeline as one {@code legacy_render} job: {@code _legacy_dispatch} (no preset) and
 * {@code workflow_builder.dispatch_workflow} (a preset run in legacy mode). The worker runs setup → template →
 * materials → render → save → notify itself, driven by the params.
 */
public final class LegacyJobs {

    public static final String TASK_NAME = "app.domains.pipeline.tasks.render_order_line.render_order_line_task";

    private LegacyJobs() {
    }

    /**
     * The legacy pipeline renders what the output type asks for: {@code _legacy_dispatch} has no preset of
     * its own, so the output type's artifact kind picks it (a still when the output type names none).
     */
    public static String presetFor(String artifactKind) {
        if (artifactKind == null) {
            return "still";
        }
        return switch (artifactKind) {
            case "turntable_video" -> "turntable";
            case "multi_angle_stills" -> "multi_angle";
            case "blend_asset" -> "still_with_exports";
            default -> "still";
        };
    }

    /**
     * The legacy job of an order line. Its part materials are resolved against the material library ({@code materials},
     * the registry's {@code material} entities) the way the graph's {@code material_map_resolve} resolves them with its
     * defaults (aliases on, not strict), so both sides of a shadow pair render each part with the same definition.
     */
    public static RenderJob job(ContextData ctx, List<RegistryEntity> materials, String preset, String runId,
            String workflowDefId, Map<String, Object> params, Instant now) {
        return job(ctx, materials, null, preset, runId, workflowDefId, params, Publication.legacy(), now);
    }

    /**
     * As {@link #job(ContextData, List, String, String, String, Map, Instant)}, with the output type's default material
     * ({@code {material, definition}} from {@link MaterialLibrary#defaultMaterial}, or null for none) for the parts
     * without an assignment, as the graph's render jobs carry it.
     */
    public static RenderJob job(ContextData ctx, List<RegistryEntity> materials, Map<String, Object> defaultMaterial,
            String preset, String runId, String workflowDefId, Map<String, Object> params, Instant now) {
        return job(ctx, materials, defaultMaterial, preset, runId, workflowDefId, params, Publication.legacy(), now);
    }

    /**
     * Render {@code index} of an A/A calibration: the legacy job, but it publishes nothing and names its output with
     * its own suffix ({@code _calibration-<first 8 characters of the calibration id>-<index>}) beside the line's result.
     */
    public static RenderJob calibrationJob(ContextData ctx, List<RegistryEntity> materials,
            Map<String, Object> defaultMaterial, String preset, String workflowDefId, Map<String, Object> params,
            UUID calibrationId, int index, Instant now) {
        Publication silent = new Publication(false, false, List.of(), false, false,
                "calibration-" + calibrationId.toString().substring(0, 8) + "-" + index, false, List.of());
        return job(ctx, materials, defaultMaterial, preset, null, workflowDefId, params, silent, now);
    }

    private static RenderJob job(ContextData ctx, List<RegistryEntity> materials, Map<String, Object> defaultMaterial,
            String preset, String runId, String workflowDefId, Map<String, Object> params, Publication publication,
            Instant now) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (ctx.stepPath() != null) {
            inputs.put("step_path", ctx.stepPath());
        }
        inputs.put("material_assignments",
                new ArrayList<Object>(MaterialLibrary.resolve(ctx.cadPartMaterials(), materials, true).assignments()));
        if (defaultMaterial != null) {
            inputs.put("default_material", defaultMaterial);
        }
        if (ctx.parsedObjects() != null) {
            inputs.put("parsed_objects", ctx.parsedObjects());
        }
        return RenderJob.of(UUID.randomUUID().toString(), JobType.LEGACY_RENDER, TASK_NAME, ExecutionMode.LEGACY, preset,
                runId, null, workflowDefId, ctx.renderContext(), params, inputs, publication, null, now);
    }
}
