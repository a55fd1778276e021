package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical graphs the registry hands out: the four legacy presets ({@code build_preset_workflow_config}) and
 * the family-safe starter graphs ({@code build_workflow_blueprint_config}), with the node ids the original uses.
 */
public final class WorkflowConfigs {

    public static final List<String> PRESETS = List.of("still", "turntable", "multi_angle", "still_with_exports");
    public static final List<String> BLUEPRINTS = List.of("cad_intake", "still", "turntable", "blend_export", "still_with_exports");

    /** Camera azimuths a multi-angle preset uses when the legacy params name none. */
    public static final List<Double> DEFAULT_MULTI_ANGLES = List.of(0.0, 90.0, 180.0, 270.0);

    /** A starter graph's listing entry. */
    public record Starter(String name, String label, String description, Family family) {
    }

    public static final List<Starter> PRESET_STARTERS = List.of(
            new Starter("still", "Still image", "setup → template → blender_still → output_save", Family.ORDER_LINE),
            new Starter("turntable", "Turntable video", "setup → template → blender_turntable → output_save", Family.ORDER_LINE),
            new Starter("multi_angle", "Multi-angle stills", "setup → template → blender_still (several camera azimuths) → output_save",
                    Family.ORDER_LINE),
            new Starter("still_with_exports", "Still with .blend export",
                    "setup → template → blender_still → output_save, and template → export_blend", Family.ORDER_LINE));

    public static final List<Starter> BLUEPRINT_STARTERS = List.of(
            new Starter("cad_intake", "CAD intake", "STEP path → part tree → GLB → bounding box → thumbnail", Family.CAD_FILE),
            new Starter("still", "Still render", "setup → template + materials → blender_still → output_save, notify", Family.ORDER_LINE),
            new Starter("turntable", "Turntable render",
                    "setup → template + materials + bounding box → blender_turntable → output_save, notify", Family.ORDER_LINE),
            new Starter("blend_export", ".blend export", "setup → template → export_blend", Family.ORDER_LINE),
            new Starter("still_with_exports", "Still with .blend export",
                    "the still render plus export_blend from the same template and materials", Family.ORDER_LINE));

    private WorkflowConfigs() {
    }

    /** {@code build_preset_workflow_config(type, params)}: setup → template → render → output (+ blend). */
    public static ObjectNode preset(String type, Map<String, Object> params) {
        if (!PRESETS.contains(type)) {
            throw new IllegalArgumentException("unknown preset '" + type + "'; known: " + PRESETS);
        }
        ObjectNode ui = JsonValues.F.objectNode();
        ui.put("preset", type);
        ui.put("execution_mode", "legacy");
        return presetGraph(type, (ObjectNode) JsonValues.toJson(params == null ? Map.of() : params), ui);
    }

    /**
     * Builds a preset graph, spreading the legacy params over the nodes whose settings know them; params no node
     * knows land in {@code ui.legacy.params} so nothing is lost.
     */
    static ObjectNode presetGraph(String type, ObjectNode legacyParams, ObjectNode ui) {
        NodeCatalog catalog = NodeCatalog.standard();
        NodeDefinition render = catalog.find(type.equals("turntable") ? "blender_turntable" : "blender_still").orElseThrow();
        NodeDefinition blend = catalog.find("export_blend").orElseThrow();
        boolean withBlend = type.equals("still_with_exports");
        ObjectNode renderParams = JsonValues.F.objectNode();
        ObjectNode blendParams = JsonValues.F.objectNode();
        ObjectNode unknown = JsonValues.F.objectNode();
        legacyParams.fields().forEachRemaining(e -> {
            if (render.defaults().containsKey(e.getKey()) || schemaKnows(render, e.getKey())) {
                renderParams.set(e.getKey(), e.getValue().deepCopy());
            } else if (withBlend && schemaKnows(blend, e.getKey())) {
                blendParams.set(e.getKey(), e.getValue().deepCopy());
            } else {
                unknown.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (type.equals("multi_angle") && !renderParams.has("angles")) {
            ArrayNode angles = renderParams.putArray("angles");
            DEFAULT_MULTI_ANGLES.forEach(angles::add);
            legacy(ui).putArray("injected_params").add("angles");
        }
        if (!unknown.isEmpty()) {
            legacy(ui).set("params", unknown);
        }
        ObjectNode config = JsonValues.F.objectNode();
        config.put("version", WorkflowValidator.SUPPORTED_VERSION);
        config.set("ui", ui);
        ArrayNode nodes = config.putArray("nodes");
        ArrayNode edges = config.putArray("edges");
        node(nodes, "setup", "order_line_setup", null);
        node(nodes, "template", "resolve_template", null);
        node(nodes, "render", render.step(), renderParams);
        if (withBlend) {
            node(nodes, "blend", "export_blend", blendParams);
        }
        node(nodes, "output", "output_save", null);
        edge(edges, "setup", "template");
        edge(edges, "template", "render");
        if (withBlend) {
            edge(edges, "template", "blend");
        }
        edge(edges, "render", "output");
        return config;
    }

    static boolean schemaKnows(NodeDefinition d, String param) {
        return d.schemaView().path("properties").has(param);
    }

    static ObjectNode legacy(ObjectNode ui) {
        JsonNode existing = ui.get("legacy");
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return ui.putObject("legacy");
    }

    /** {@code build_workflow_blueprint_config(name)}: family-safe starter graphs matching the reference topology. */
    public static ObjectNode blueprint(String name) {
        ObjectNode config = JsonValues.F.objectNode();
        config.put("version", WorkflowValidator.SUPPORTED_VERSION);
        ObjectNode ui = config.putObject("ui");
        ui.put("preset", "custom");
        ui.put("execution_mode", "legacy");
        ui.put("blueprint", name);
        ArrayNode nodes = config.putArray("nodes");
        ArrayNode edges = config.putArray("edges");
        switch (name) {
            case "cad_intake" -> {
                node(nodes, "step_path", "resolve_step_path", null);
                node(nodes, "extract", "occ_object_extract", null);
                node(nodes, "glb", "occ_glb_export", null);
                node(nodes, "bbox", "glb_bbox", null);
                node(nodes, "thumbnail", "thumbnail_save", null);
                edge(edges, "step_path", "extract");
                edge(edges, "extract", "glb");
                edge(edges, "glb", "bbox");
                edge(edges, "bbox", "thumbnail");
            }
            case "still" -> {
                materialsPrelude(nodes, edges, false);
                node(nodes, "render", "blender_still", params(Map.of("width", 1024, "height", 768)));
                edge(edges, "template", "render");
                edge(edges, "resolve_materials", "render");
                outputAndNotify(nodes, edges, "render");
            }
            case "turntable" -> {
                materialsPrelude(nodes, edges, true);
                node(nodes, "turntable", "blender_turntable", params(Map.of("fps", 24, "duration_s", 4.0)));
                edge(edges, "bbox", "turntable");
                edge(edges, "template", "turntable");
                edge(edges, "resolve_materials", "turntable");
                outputAndNotify(nodes, edges, "turntable");
            }
            case "blend_export" -> {
                node(nodes, "setup", "order_line_setup", null);
                node(nodes, "template", "resolve_template", null);
                node(nodes, "blend", "export_blend", null);
                edge(edges, "setup", "template");
                edge(edges, "template", "blend");
            }
            case "still_with_exports" -> {
                materialsPrelude(nodes, edges, false);
                node(nodes, "render", "blender_still", params(Map.of("width", 1024, "height", 768)));
                node(nodes, "blend", "export_blend", null);
                edge(edges, "template", "render");
                edge(edges, "resolve_materials", "render");
                edge(edges, "template", "blend");
                edge(edges, "resolve_materials", "blend");
                outputAndNotify(nodes, edges, "render");
            }
            default -> throw new IllegalArgumentException("unknown blueprint '" + name + "'; known: " + BLUEPRINTS);
        }
        return config;
    }

    /** setup → template, setup → populate_materials (→ bbox), template + populate_materials → resolve_materials. */
    private static void materialsPrelude(ArrayNode nodes, ArrayNode edges, boolean withBbox) {
        node(nodes, "setup", "order_line_setup", null);
        node(nodes, "template", "resolve_template", null);
        node(nodes, "populate_materials", "auto_populate_materials", null);
        if (withBbox) {
            node(nodes, "bbox", "glb_bbox", null);
        }
        node(nodes, "resolve_materials", "material_map_resolve", null);
        edge(edges, "setup", "template");
        edge(edges, "setup", "populate_materials");
        if (withBbox) {
            edge(edges, "setup", "bbox");
        }
        edge(edges, "template", "resolve_materials");
        edge(edges, "populate_materials", "resolve_materials");
    }

    private static void outputAndNotify(ArrayNode nodes, ArrayNode edges, String renderId) {
        node(nodes, "output", "output_save", null);
        node(nodes, "notify", "notify", null);
        edge(edges, renderId, "output");
        edge(edges, renderId, "notify");
    }

    private static ObjectNode params(Map<String, Object> values) {
        ObjectNode p = JsonValues.F.objectNode();
        new LinkedHashMap<>(values).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> p.set(e.getKey(), JsonValues.toJson(e.getValue())));
        return p;
    }

    static void node(ArrayNode nodes, String id, String step, ObjectNode params) {
        ObjectNode n = nodes.addObject();
        n.put("id", id);
        n.put("step", step);
        n.set("params", params == null ? JsonValues.F.objectNode() : params);
    }

    static void edge(ArrayNode edges, String from, String to) {
        ObjectNode e = edges.addObject();
        e.put("from", from);
        e.put("to", to);
    }
}
