package com.hartomat.registry.outputtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.registry.JsonText;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.ArtifactKinds;
import com.hartomat.workflow.model.Family;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.NodeDefinition;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An output type as a workflow invocation profile: which family and artifact kind it promises, whether a linked
 * workflow keeps that promise, and whether its overrides and legacy render settings fit the node schemas.
 */
public final class InvocationContract {

    public static final List<String> RENDER_BACKENDS = List.of("auto", "blender");
    public static final List<String> FAMILIES = List.of(Family.ORDER_LINE.wire(), Family.CAD_FILE.wire());

    /** Which family's graphs can produce each artifact kind. */
    static final Map<String, Family> KIND_FAMILY = Map.of(
            ArtifactKinds.STILL_IMAGE, Family.ORDER_LINE,
            ArtifactKinds.MULTI_ANGLE_STILLS, Family.ORDER_LINE,
            ArtifactKinds.TURNTABLE_VIDEO, Family.ORDER_LINE,
            ArtifactKinds.BLEND_ASSET, Family.ORDER_LINE,
            ArtifactKinds.CAD_THUMBNAIL, Family.CAD_FILE,
            ArtifactKinds.GLB_PREVIEW, Family.CAD_FILE,
            ArtifactKinds.STL_MESH, Family.CAD_FILE,
            ArtifactKinds.PART_TREE, Family.CAD_FILE,
            ArtifactKinds.PREVIEW_IMAGE, Family.CAD_FILE);

    private InvocationContract() {
    }

    /** The step whose settings the legacy render settings of this artifact kind correspond to. */
    public static String renderStep(String artifactKind) {
        return switch (artifactKind) {
            case ArtifactKinds.STILL_IMAGE, ArtifactKinds.MULTI_ANGLE_STILLS -> "blender_still";
            case ArtifactKinds.TURNTABLE_VIDEO -> "blender_turntable";
            case ArtifactKinds.BLEND_ASSET -> "export_blend";
            case ArtifactKinds.CAD_THUMBNAIL -> "thumbnail_save";
            case ArtifactKinds.PREVIEW_IMAGE -> "blender_render";
            default -> null;
        };
    }

    /** Render settings an output type starts with: the render step's own defaults for the basic fields. */
    public static ObjectNode defaultRenderSettings(String artifactKind, NodeCatalog catalog) {
        ObjectNode settings = JsonText.object();
        String step = renderStep(artifactKind);
        if (step == null) {
            return settings;
        }
        Map<String, Object> defaults = catalog.find(step).map(NodeDefinition::defaults).orElse(Map.of());
        for (String key : List.of("width", "height", "engine", "samples", "fps", "duration_s", "compress", "pack_textures")) {
            if (defaults.containsKey(key)) {
                settings.set(key, com.hartomat.workflow.model.JsonValues.toJson(defaults.get(key)));
            }
        }
        return settings;
    }

    /** The kind must be one the family can produce. */
    public static List<ValidationError> kindFitsFamily(String family, String artifactKind) {
        Family kindFamily = KIND_FAMILY.get(artifactKind);
        if (kindFamily == null) {
            return List.of(new ValidationError("invalid_value", "artifact_kind must be one of " + ArtifactKinds.ALL, "/artifact_kind"));
        }
        if (!kindFamily.wire().equals(family)) {
            return List.of(new ValidationError("artifact_kind_family_mismatch", "artifact kind " + artifactKind + " is produced by "
                    + kindFamily.wire() + " workflows, not " + family + " workflows", "/artifact_kind"));
        }
        return List.of();
    }

    /** Family and artifact kind of the output type against what the linked workflow's latest version produces. */
    public static List<ValidationError> compatibility(String family, String artifactKind, GraphAnalysis workflow) {
        List<ValidationError> errors = new ArrayList<>();
        String produced = workflow.terminalArtifactKinds().isEmpty() ? "no terminal artifact"
                : String.join(", ", workflow.terminalArtifactKinds());
        if (!workflow.family().wire().equals(family)) {
            errors.add(new ValidationError("workflow_family_mismatch", "Workflow family is " + workflow.family().wire()
                    + ". Expected workflow family: " + family + ".", "/workflow_definition_id"));
        }
        if (!workflow.terminalArtifactKinds().contains(artifactKind)) {
            errors.add(new ValidationError("artifact_kind_mismatch", "Workflow produces " + produced + ". Expected artifact kind: "
                    + artifactKind + ".", "/workflow_definition_id"));
        }
        return errors;
    }

    /**
     * Overrides are {@code {"<node id>": {<param>: value}}} for nodes of the linked workflow, each checked against
     * that node's step schema. Without a workflow there is nothing to override.
     */
    public static List<ValidationError> overrides(JsonNode overrides, GraphAnalysis workflow, WorkflowValidator validator) {
        List<ValidationError> errors = new ArrayList<>();
        if (overrides == null || overrides.isEmpty()) {
            return errors;
        }
        if (workflow == null) {
            errors.add(new ValidationError("overrides_without_workflow",
                    "invocation_overrides need a linked workflow_definition_id whose nodes they override", "/invocation_overrides"));
            return errors;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "/invocation_overrides/" + e.getKey().replace("~", "~0").replace("/", "~1");
            AnalyzedNode node = workflow.node(e.getKey()).orElse(null);
            if (node == null) {
                errors.add(new ValidationError("unknown_override_node", "the linked workflow has no node '" + e.getKey()
                        + "'; its nodes are " + workflow.topologicalOrder(), path));
                continue;
            }
            errors.addAll(validator.validateParams(node.step(), e.getValue(), path));
        }
        return errors;
    }

    /**
     * Legacy raw render settings may carry keys no node knows (they stay for the legacy pipeline); the keys the
     * render step does know must satisfy its schema.
     */
    public static List<ValidationError> renderSettings(JsonNode settings, String artifactKind, NodeCatalog catalog,
            WorkflowValidator validator) {
        String step = artifactKind == null ? null : renderStep(artifactKind);
        if (step == null || settings == null) {
            return List.of();
        }
        JsonNode properties = catalog.find(step).orElseThrow().settingsSchema().get("properties");
        ObjectNode known = JsonText.object();
        settings.fields().forEachRemaining(e -> {
            if (properties.has(e.getKey())) {
                known.set(e.getKey(), e.getValue());
            }
        });
        return validator.validateParams(step, known, "/render_settings");
    }
}
