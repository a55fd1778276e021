package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The graph builders at the top of the original dispatch test suite, transcribed. */
final class ReferenceGraphs {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceGraphs() {
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ObjectNode graph(String executionMode) {
        ObjectNode g = MAPPER.createObjectNode();
        g.put("version", 1);
        ObjectNode ui = g.putObject("ui");
        ui.put("preset", "custom");
        ui.put("execution_mode", executionMode);
        g.putArray("nodes");
        g.putArray("edges");
        return g;
    }

    static ObjectNode node(ObjectNode g, String id, String step) {
        ObjectNode n = ((ArrayNode) g.get("nodes")).addObject();
        n.put("id", id);
        n.put("step", step);
        n.putObject("params");
        return n;
    }

    static void edge(ObjectNode g, String from, String to) {
        ObjectNode e = ((ArrayNode) g.get("edges")).addObject();
        e.put("from", from);
        e.put("to", to);
    }

    static ObjectNode customStill(boolean includeOutput, boolean includeNotify) {
        ObjectNode g = graph("graph");
        node(g, "setup", "order_line_setup");
        node(g, "template", "resolve_template");
        node(g, "populate_materials", "auto_populate_materials");
        node(g, "resolve_materials", "material_map_resolve");
        ObjectNode render = node(g, "render", "blender_still");
        ((ObjectNode) render.get("params")).put("width", 1024).put("height", 768);
        edge(g, "setup", "template");
        edge(g, "setup", "populate_materials");
        edge(g, "template", "resolve_materials");
        edge(g, "populate_materials", "resolve_materials");
        edge(g, "template", "render");
        edge(g, "resolve_materials", "render");
        if (includeOutput) {
            node(g, "output", "output_save");
            edge(g, "render", "output");
        }
        if (includeNotify) {
            node(g, "notify", "notify");
            edge(g, "render", "notify");
        }
        return g;
    }

    static ObjectNode customTurntable(boolean includeOutput) {
        ObjectNode g = graph("graph");
        node(g, "setup", "order_line_setup");
        node(g, "template", "resolve_template");
        node(g, "populate_materials", "auto_populate_materials");
        node(g, "bbox", "glb_bbox");
        node(g, "resolve_materials", "material_map_resolve");
        ObjectNode t = node(g, "turntable", "blender_turntable");
        ((ObjectNode) t.get("params")).put("fps", 24).put("duration_s", 96 / 24.0);
        edge(g, "setup", "template");
        edge(g, "setup", "populate_materials");
        edge(g, "setup", "bbox");
        edge(g, "template", "resolve_materials");
        edge(g, "populate_materials", "resolve_materials");
        edge(g, "bbox", "turntable");
        edge(g, "template", "turntable");
        edge(g, "resolve_materials", "turntable");
        if (includeOutput) {
            node(g, "output", "output_save");
            edge(g, "turntable", "output");
        }
        return g;
    }

    static ObjectNode customBlend(boolean includeOutput) {
        ObjectNode g = graph("graph");
        node(g, "setup", "order_line_setup");
        node(g, "template", "resolve_template");
        node(g, "blend", "export_blend");
        edge(g, "setup", "template");
        edge(g, "template", "blend");
        if (includeOutput) {
            node(g, "output", "output_save");
            edge(g, "blend", "output");
        }
        return g;
    }
}
