package com.hartomat.workflow.model;

import static com.hartomat.workflow.model.ReferenceGraphs.customBlend;
import static com.hartomat.workflow.model.ReferenceGraphs.customStill;
import static com.hartomat.workflow.model.ReferenceGraphs.customTurntable;
import static com.hartomat.workflow.model.ReferenceGraphs.edge;
import static com.hartomat.workflow.model.ReferenceGraphs.graph;
import static com.hartomat.workflow.model.ReferenceGraphs.json;
import static com.hartomat.workflow.model.ReferenceGraphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowValidatorTest {

    static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeCatalog.standard());

    static List<String> codes(ValidationResult r) {
        return r.errors().stream().map(e -> e.code() + "@" + e.path()).sorted().toList();
    }

    static Arguments invalid(String name, Supplier<JsonNode> config, String... expected) {
        return Arguments.of(name, config, List.of(expected));
    }

    static ObjectNode with(ObjectNode g, java.util.function.Consumer<ObjectNode> change) {
        change.accept(g);
        return g;
    }

    static ObjectNode params(ObjectNode g, int node) {
        return (ObjectNode) g.get("nodes").get(node).get("params");
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                invalid("config is not an object", () -> json("[]"), "not_an_object@"),
                invalid("nodes missing", () -> json("{'version':1,'edges':[]}"), "missing_field@/nodes"),
                invalid("nodes not an array", () -> json("{'version':1,'nodes':{}}"), "invalid_type@/nodes"),
                invalid("edges not an array", () -> with(customStill(false, false), g -> g.put("edges", "x")), "invalid_type@/edges"),
                invalid("unknown top-level member", () -> with(customStill(false, false), g -> g.put("layout", "grid")),
                        "unknown_field@/layout"),
                invalid("version missing", () -> with(customStill(false, false), g -> g.remove("version")), "missing_field@/version"),
                invalid("unsupported version", () -> with(customStill(false, false), g -> g.put("version", 2)),
                        "unsupported_version@/version"),
                invalid("unknown legacy preset", () -> json("{'type':'panorama','params':{}}"), "unknown_preset@/type"),
                invalid("execution mode unknown", () -> with(customStill(false, false),
                        g -> ((ObjectNode) g.get("ui")).put("execution_mode", "turbo")), "invalid_execution_mode@/ui/execution_mode"),
                invalid("no nodes at all", () -> json("{'version':1,'nodes':[],'edges':[]}"), "empty_graph@/nodes"),
                invalid("node without id", () -> with(customStill(false, false),
                        g -> ((ObjectNode) g.get("nodes").get(4)).remove("id")), "missing_field@/nodes/4/id",
                        "unknown_edge_target@/edges/4/to", "unknown_edge_target@/edges/5/to"),
                invalid("node id not a string", () -> with(customStill(false, false),
                        g -> ((ObjectNode) g.get("nodes").get(0)).put("id", 7)), "invalid_type@/nodes/0/id",
                        "unknown_edge_source@/edges/0/from", "unknown_edge_source@/edges/1/from"),
                invalid("duplicate node id", () -> with(customStill(false, false), g -> node(g, "render", "notify")),
                        "duplicate_node_id@/nodes/5/id"),
                invalid("unknown step", () -> with(customStill(false, false), g -> node(g, "quantum", "quantum_render")),
                        "unknown_step@/nodes/5/step"),
                invalid("edge from unknown node", () -> with(customStill(false, false), g -> edge(g, "missing", "render")),
                        "unknown_edge_source@/edges/6/from"),
                invalid("edge to unknown node", () -> with(customStill(false, false), g -> edge(g, "render", "missing")),
                        "unknown_edge_target@/edges/6/to"),
                invalid("self loop", () -> with(customStill(false, false), g -> edge(g, "render", "render")), "self_loop@/edges/6"),
                invalid("duplicate edge", () -> with(customStill(false, false), g -> edge(g, "setup", "template")),
                        "duplicate_edge@/edges/6"),
                invalid("cycle", () -> with(customStill(false, false), g -> edge(g, "render", "setup")), "cycle@/nodes/0"),
                invalid("param out of range", () -> with(customStill(false, false), g -> params(g, 4).put("width", 0)),
                        "invalid_params@/nodes/4/params/width"),
                invalid("param of the wrong type", () -> with(customStill(false, false), g -> params(g, 4).put("samples", "many")),
                        "invalid_params@/nodes/4/params/samples"),
                invalid("param outside its enum", () -> with(customStill(false, false), g -> params(g, 4).put("engine", "octane")),
                        "invalid_params@/nodes/4/params/engine"),
                invalid("retry policy with too many attempts", () -> with(customStill(false, false),
                        g -> params(g, 4).putObject("retry_policy").put("max_attempts", 11)),
                        "invalid_params@/nodes/4/params/retry_policy/max_attempts"),
                invalid("retry policy with an unknown back-off", () -> with(customStill(false, false),
                        g -> params(g, 4).putObject("retry_policy").put("backoff", "linear").put("delay_s", -1)),
                        "invalid_params@/nodes/4/params/retry_policy/backoff",
                        "invalid_params@/nodes/4/params/retry_policy/delay_s"),
                invalid("retry policy with an unknown field", () -> with(customStill(false, false),
                        g -> params(g, 4).putObject("retry_policy").put("jitter", true)),
                        "invalid_params@/nodes/4/params/retry_policy"),
                invalid("retry policy on an in-process step", () -> with(customStill(false, false),
                        g -> params(g, 0).putObject("retry_policy").put("max_attempts", 2)),
                        "unknown_param@/nodes/0/params/retry_policy"),
                invalid("params not an object", () -> with(customStill(false, false),
                        g -> ((ObjectNode) g.get("nodes").get(4)).put("params", "wide")), "invalid_type@/nodes/4/params"),
                invalid("unknown param", () -> with(customStill(false, false), g -> params(g, 4).put("colour", "red")),
                        "unknown_param@/nodes/4/params/colour"),
                invalid("family mixing", () -> with(customStill(false, false), g -> {
                    node(g, "step_path", "resolve_step_path");
                    edge(g, "setup", "step_path");
                }), "family_mixing@/nodes/5/step"),
                invalid("render without resolve_template upstream", () -> {
                    ObjectNode g = graph("graph");
                    node(g, "setup", "order_line_setup");
                    node(g, "render", "blender_still");
                    edge(g, "setup", "render");
                    return g;
                }, "missing_input@/nodes/1"),
                invalid("output_save on an export_blend-only graph", () -> customBlend(true),
                        "output_save_without_publishable_artifact@/nodes/3"),
                invalid("several errors at once", () -> with(customStill(false, false), g -> {
                    g.put("version", 3);
                    node(g, "render", "notify");
                    node(g, "mystery", "quantum_render");
                    edge(g, "render", "nowhere");
                    params(g, 4).put("width", -5).put("colour", "red");
                }), "duplicate_node_id@/nodes/5/id", "invalid_params@/nodes/4/params/width", "unknown_edge_target@/edges/6/to",
                        "unknown_param@/nodes/4/params/colour", "unknown_step@/nodes/6/step", "unsupported_version@/version"),
                invalid("contract and param errors together", () -> with(customBlend(true), g -> {
                    params(g, 2).put("compress", "yes");
                    ((ObjectNode) g.get("ui")).put("execution_mode", "fast");
                }), "invalid_execution_mode@/ui/execution_mode", "invalid_params@/nodes/2/params/compress",
                        "output_save_without_publishable_artifact@/nodes/3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void reportsExactlyTheExpectedErrors(String name, Supplier<JsonNode> config, List<String> expected) {
        ValidationResult result = VALIDATOR.validate(config.get());
        assertFalse(result.valid(), name);
        assertEquals(expected.stream().sorted().toList(), codes(result), name);
        result.errors().forEach(e -> assertFalse(e.message().isBlank(), e.code()));
    }

    static Stream<Arguments> validConfigs() {
        return Stream.of(
                Arguments.of("custom still", customStill(false, false), "order_line", List.of("still_image")),
                Arguments.of("custom still with output and notify", customStill(true, true), "order_line", List.of("still_image")),
                Arguments.of("custom turntable with output", customTurntable(true), "order_line", List.of("turntable_video")),
                Arguments.of("custom blend", customBlend(false), "order_line", List.of("blend_asset")),
                Arguments.of("preset still", WorkflowConfigs.preset("still", Map.of("width", 1024, "height", 1024)), "order_line",
                        List.of("still_image")),
                Arguments.of("preset turntable", WorkflowConfigs.preset("turntable", Map.of("fps", 30)), "order_line",
                        List.of("turntable_video")),
                Arguments.of("preset multi_angle", WorkflowConfigs.preset("multi_angle", Map.of()), "order_line",
                        List.of("multi_angle_stills")),
                Arguments.of("preset still_with_exports", WorkflowConfigs.preset("still_with_exports", Map.of("width", 640)),
                        "order_line", List.of("still_image", "blend_asset")),
                Arguments.of("blueprint cad_intake", WorkflowConfigs.blueprint("cad_intake"), "cad_file", List.of("cad_thumbnail")),
                Arguments.of("blueprint still", WorkflowConfigs.blueprint("still"), "order_line", List.of("still_image")),
                Arguments.of("blueprint turntable", WorkflowConfigs.blueprint("turntable"), "order_line", List.of("turntable_video")),
                Arguments.of("blueprint blend_export", WorkflowConfigs.blueprint("blend_export"), "order_line", List.of("blend_asset")),
                Arguments.of("blueprint still_with_exports", WorkflowConfigs.blueprint("still_with_exports"), "order_line",
                        List.of("still_image", "blend_asset")),
                Arguments.of("migration graph may mix families", with(customStill(false, false), g -> {
                    ((ObjectNode) g.get("ui")).put("migration", true);
                    node(g, "step_path", "resolve_step_path");
                    edge(g, "setup", "step_path");
                }), "order_line", List.of("still_image")),
                Arguments.of("legacy preset config", json("{'type':'still','params':{'width':1024,'height':768},'ui':{'execution_mode':'graph'}}"),
                        "order_line", List.of("still_image")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConfigs")
    void acceptsReferenceGraphsAndDerivesTheirContract(String name, JsonNode config, String contextKind, List<String> kinds) {
        ValidationResult result = VALIDATOR.validate(config);
        assertTrue(result.valid(), name + ": " + result.errors());
        assertEquals(contextKind, result.analysis().contextKind());
        assertEquals(contextKind, result.analysis().family().wire());
        assertEquals(kinds, result.analysis().terminalArtifactKinds());
        assertEquals(result.analysis().nodes().size(), result.analysis().topologicalOrder().size());
    }

    @Test
    void customStillGraphOrderAndAnalysisMatchTheReferencePreflight() {
        GraphAnalysis a = VALIDATOR.validate(customStill(false, false)).analysis();
        assertEquals(List.of("setup", "template", "populate_materials", "resolve_materials", "render"), a.topologicalOrder());
        assertEquals("graph", a.executionMode());
        assertEquals("custom", a.preset());
        AnalyzedNode render = a.node("render").orElseThrow();
        assertEquals(1024, render.params().get("width"));
        assertEquals(64, render.params().get("samples"), "defaults merged under explicit params");
        Map<String, Object> expected = new java.util.LinkedHashMap<>(render.definition().defaults());
        expected.put("width", 1024);
        expected.put("height", 768);
        assertEquals(expected, render.params(), "the merged view equals defaults overlaid with the node's params");
        assertEquals(expected.keySet(), render.params().keySet());
        assertEquals(List.of("template", "resolve_materials"), render.upstream());
        assertEquals("still", render.jobType());
        assertEquals(List.of("template", "populate_materials"), a.node("setup").orElseThrow().downstream());
    }

    @Test
    void executionModeDefaultsToLegacy() {
        ObjectNode g = customStill(false, false);
        ((ObjectNode) g.get("ui")).remove("execution_mode");
        assertEquals("legacy", VALIDATOR.validate(g).analysis().executionMode());
    }

    @Test
    void cycleMessageNamesTheNodesOnTheCycle() {
        ObjectNode g = customStill(false, false);
        edge(g, "render", "setup");
        ValidationError cycle = VALIDATOR.validate(g).errors().get(0);
        assertEquals("cycle", cycle.code());
        for (String id : List.of("setup", "template", "render")) {
            assertTrue(cycle.message().contains(id), cycle.message());
        }
        assertFalse(cycle.message().contains("populate_materials"), "only nodes on the cycle: " + cycle.message());
        assertNull(VALIDATOR.validate(g).analysis(), "no analysis for a cyclic graph");
    }

    @Test
    void twoSeparateCyclesAreBothReported() {
        ObjectNode g = graph("graph");
        for (String id : List.of("a", "b", "c", "d")) {
            node(g, id, "notify");
        }
        edge(g, "a", "b");
        edge(g, "b", "a");
        edge(g, "c", "d");
        edge(g, "d", "c");
        assertEquals(List.of("cycle@/nodes/0", "cycle@/nodes/2"), codes(VALIDATOR.validate(g)));
    }

    @Test
    void invalidParamsCarryTheSchemasOwnMessage() {
        ObjectNode g = customStill(false, false);
        params(g, 4).put("width", 0);
        ValidationError e = VALIDATOR.validate(g).errors().get(0);
        assertTrue(e.message().contains("#/width"), e.message());
        assertTrue(e.message().contains("0 is not greater or equal to 16"), e.message());
    }

    @Test
    void outputSaveErrorNamesOutputSave() {
        ValidationError e = VALIDATOR.validate(customBlend(true)).errors().get(0);
        assertTrue(e.message().contains("output_save"), e.message());
        assertNotNull(VALIDATOR.validate(customBlend(true)).analysis(), "contract errors keep the analysis");
    }

    @Test
    void missingInputNamesTheKeyAndTheStepsThatProvideIt() {
        ObjectNode g = graph("graph");
        node(g, "setup", "order_line_setup");
        node(g, "render", "blender_still");
        edge(g, "setup", "render");
        ValidationError e = VALIDATOR.validate(g).errors().get(0);
        assertTrue(e.message().contains("'template'") && e.message().contains("resolve_template"), e.message());
    }

    @Test
    void absurdGraphIsRejectedBeforeAnyPerNodeWork() {
        ObjectNode g = graph("graph");
        ArrayNode nodes = (ArrayNode) g.get("nodes");
        for (int i = 0; i < 100_000; i++) {
            nodes.add(i);
        }
        ValidationResult r = VALIDATOR.validate(g);
        assertEquals(List.of("too_many_nodes@/nodes"), codes(r), "no per-node invalid_type errors: nothing was inspected");
        WorkflowValidator strict = new WorkflowValidator(NodeCatalog.standard(), new ValidationLimits(10, 3));
        assertEquals(List.of("too_many_edges@/edges"), codes(strict.validate(customStill(false, false))));
    }

    @Test
    void glbBboxFitsBothFamilies() {
        ObjectNode g = graph("graph");
        node(g, "bbox", "glb_bbox");
        ValidationResult r = VALIDATOR.validate(g);
        assertEquals(List.of("missing_input@/nodes/0"), codes(r), "a lone bbox has no geometry: " + r.errors());
        assertEquals("order_line", r.analysis().contextKind());
    }

    @Test
    void validationResultJsonCarriesTheDerivedFields() {
        JsonNode body = VALIDATOR.validate(WorkflowConfigs.preset("still_with_exports", Map.of())).toJson();
        assertTrue(body.get("valid").asBoolean());
        assertEquals("order_line", body.get("context_kind").asText());
        assertEquals("[\"still_image\",\"blend_asset\"]", body.get("terminal_artifact_kinds").toString());
        assertEquals("[\"setup\",\"template\",\"render\",\"blend\",\"output\"]", body.get("topological_order").toString());
    }
}
