package com.hartomat.dispatch.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reference suite's graph builders ({@code _build_valid_custom_*_graph}). */
public final class Graphs {

    private Graphs() {
    }

    public static JsonNode still(String mode, int width, int height, boolean output, boolean notify) {
        List<Map<String, Object>> nodes = new ArrayList<>(List.of(
                node("setup", "order_line_setup", Map.of()),
                node("template", "resolve_template", Map.of()),
                node("populate_materials", "auto_populate_materials", Map.of()),
                node("resolve_materials", "material_map_resolve", Map.of()),
                node("render", "blender_still", Map.of("width", width, "height", height))));
        List<Map<String, Object>> edges = new ArrayList<>(List.of(edge("setup", "template"),
                edge("setup", "populate_materials"), edge("template", "resolve_materials"),
                edge("populate_materials", "resolve_materials"), edge("template", "render"),
                edge("resolve_materials", "render")));
        if (output) {
            nodes.add(node("output", "output_save", Map.of()));
            edges.add(edge("render", "output"));
        }
        if (notify) {
            nodes.add(node("notify", "notify", Map.of()));
            edges.add(edge("render", "notify"));
        }
        return config(mode, nodes, edges);
    }

    public static JsonNode still(String mode) {
        return still(mode, 1024, 768, false, false);
    }

    public static JsonNode turntable(boolean output) {
        List<Map<String, Object>> nodes = new ArrayList<>(List.of(
                node("setup", "order_line_setup", Map.of()),
                node("template", "resolve_template", Map.of()),
                node("populate_materials", "auto_populate_materials", Map.of()),
                node("bbox", "glb_bbox", Map.of()),
                node("resolve_materials", "material_map_resolve", Map.of()),
                node("turntable", "blender_turntable", Map.of("fps", 24, "duration_s", 4.0))));
        List<Map<String, Object>> edges = new ArrayList<>(List.of(edge("setup", "template"),
                edge("setup", "populate_materials"), edge("setup", "bbox"), edge("template", "resolve_materials"),
                edge("populate_materials", "resolve_materials"), edge("bbox", "turntable"), edge("template", "turntable"),
                edge("resolve_materials", "turntable")));
        if (output) {
            nodes.add(node("output", "output_save", Map.of()));
            edges.add(edge("turntable", "output"));
        }
        return config("graph", nodes, edges);
    }

    public static JsonNode blend(boolean output) {
        List<Map<String, Object>> nodes = new ArrayList<>(List.of(node("setup", "order_line_setup", Map.of()),
                node("template", "resolve_template", Map.of()), node("blend", "export_blend", Map.of())));
        List<Map<String, Object>> edges = new ArrayList<>(List.of(edge("setup", "template"), edge("template", "blend")));
        if (output) {
            nodes.add(node("output", "output_save", Map.of()));
            edges.add(edge("blend", "output"));
        }
        return config("graph", nodes, edges);
    }

    public static JsonNode invalid() {
        return config("graph", List.of(node("render", "blender_still", Map.of())), List.of(edge("missing", "render")));
    }

    private static JsonNode config(String mode, List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {
        return Fixtures.json(Map.of("version", 1, "ui", Map.of("preset", "custom", "execution_mode", mode),
                "nodes", nodes, "edges", edges));
    }

    private static Map<String, Object> node(String id, String step, Map<String, Object> params) {
        return Map.of("id", id, "step", step, "params", params);
    }

    private static Map<String, Object> edge(String from, String to) {
        return Map.of("from", from, "to", to);
    }
}
