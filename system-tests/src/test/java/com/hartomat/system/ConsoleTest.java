package com.hartomat.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.system.support.Api;
import com.hartomat.system.support.ConsoleBrowser;
import com.hartomat.system.support.ConsolePage;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.Tiny;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code /workflows} console in a real Chromium against the running suite (through the entry point, real
 * workers and Blender): what a user sees, through the console's UI contract ({@code data-testid}s, docs/console.md),
 * and the API state behind it. One browser for the class; the shadow pair renders from {@link #renderTheShadowPair}
 * while the authoring steps run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

    /** A render on a loaded 2-core machine, a run's live status, a verdict: bounds, not expectations. */
    static final double RENDER_BOUND_MS = 240_000;
    static final double UI_BOUND_MS = 20_000;
    private static final Pattern RUN_ROUTE = Pattern.compile("#/runs/([0-9a-fA-F-]{36})");

    @RegisterExtension
    static final Scenario s = new Scenario();
    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    /** The still graph authored in the browser (null until {@link #authorAStillGraphFromAnEmptyCanvas} saved it). */
    private AuthoredGraph authored;
    private String shadowRun;
    private String shadowOutputType;
    /** Why the shadow pair could not be provisioned, reported by the shadow scenario (the others run regardless). */
    private Throwable shadowSetupFailure;

    /** What the authoring test built: the saved workflow and the node ids the editor gave each step. */
    private record AuthoredGraph(String workflowId, Map<String, String> nodeIdByStep) {
    }

    @BeforeAll
    void renderTheShadowPair() {
        try {
            dispatchADifferingShadowPair();
        } catch (RuntimeException | AssertionError e) {
            shadowSetupFailure = e;
        }
    }

    private void dispatchADifferingShadowPair() {
        // as ShadowTest's differing observer, so that comparison-service keeps a diff image
        Scenario.DifferingShadow pair = s.differingShadowLine("Console", "console test: a shadow comparison to inspect");
        shadowOutputType = pair.outputTypeId();
        Scenario.Line line = pair.line();
        JsonNode dispatched = s.dispatchLine(line.id());
        assertEquals("shadow", dispatched.path("execution_mode").asText(), dispatched.toString());
        shadowRun = dispatched.path("shadow_workflow_run_id").asText();
    }

    // ------------------------------------------------------------------ authoring

    @Test
    @Order(1)
    void authorAStillGraphFromAnEmptyCanvas(TestInfo info) {
        ConsolePage ui = browser.open(name(info), "console-author", "author", "#/workflows");
        assertThat(ui.byTestId("signed-in-as")).containsText("console-author");
        ui.shot("workflows");
        ui.byTestId("new-workflow").click();
        assertThat(ui.byTestId("starter-empty")).isVisible();
        assertThat(ui.byTestId("starter", "data-starter", "still")).isVisible();
        ui.shot("new-workflow");
        ui.byTestId("starter-empty").click();
        assertThat(ui.byTestId("palette")).isVisible();
        assertThat(ui.byTestId("graph-node")).hasCount(0);
        String name = Scenario.unique("Console still");
        ui.byTestId("workflow-name").fill(name);
        ui.shot("empty-canvas");

        // palette search → insert the four steps of a still graph
        Map<String, String> ids = new LinkedHashMap<>();
        for (String step : List.of("order_line_setup", "resolve_template", "blender_still", "output_save")) {
            ids.put(step, insertFromPalette(ui, step));
        }
        // family-safe: with an order_line graph the palette no longer offers cad_file steps
        ui.byTestId("palette-search").fill("");
        assertThat(ui.byTestId("palette-item", "data-step", "blender_still")).isVisible();
        assertThat(ui.byTestId("palette-item", "data-step", "occ_object_extract")).hasCount(0);

        connect(ui, ids.get("order_line_setup"), ids.get("resolve_template"));
        connect(ui, ids.get("resolve_template"), ids.get("blender_still"));

        // a setting out of range in the render node's JSON-Schema form (width: minimum 16)
        Map<String, Object> renderParams = Tiny.still();
        select(ui, ids.get("blender_still"));
        Locator width = field(ui, "/width");
        assertThat(width).isVisible();
        width.fill("8");
        width.press("Tab");
        for (String param : List.of("height", "samples", "seed")) {
            Locator input = field(ui, "/" + param);
            input.fill(String.valueOf(renderParams.get(param)));
            input.press("Tab");
        }

        // validation as you edit: the registry's codes, pinned to the node and field they name
        Locator rangeIssue = ui.page().locator("[data-testid=validation-issue][data-code=invalid_params]"
                + "[data-path$=\"/params/width\"]");
        assertThat(rangeIssue).isVisible(visible(UI_BOUND_MS));
        assertThat(rangeIssue).containsText("invalid_params");
        // a missing connection: output_save has no upstream node producing a publishable artifact yet
        Locator missingConnection = ui.byTestId("validation-issue", "data-code",
                "output_save_without_publishable_artifact");
        assertThat(missingConnection).isVisible();
        assertThat(missingConnection).hasAttribute("data-path", Pattern.compile("^/nodes/\\d+$"));
        assertThat(node(ui, ids.get("blender_still"))).hasAttribute("data-invalid", "true");
        assertThat(node(ui, ids.get("output_save"))).hasAttribute("data-invalid", "true");
        assertFieldMarked(ui, "/width");
        assertThat(ui.byTestId("save")).isDisabled();
        assertThat(ui.byTestId("dispatch")).isDisabled();
        ui.shot("validation-errors");

        // fix both: a width in range, and the render's artifact connected to output_save
        select(ui, ids.get("blender_still"));
        field(ui, "/width").fill(String.valueOf(renderParams.get("width")));
        field(ui, "/width").press("Tab");
        connect(ui, ids.get("blender_still"), ids.get("output_save"));
        assertThat(ui.byTestId("validation-issue")).hasCount(0, count(UI_BOUND_MS));
        assertThat(node(ui, ids.get("blender_still"))).not().hasAttribute("data-invalid", "true");
        assertThat(node(ui, ids.get("output_save"))).not().hasAttribute("data-invalid", "true");
        assertThat(ui.byTestId("save")).isEnabled();
        ui.byTestId("auto-layout").click();
        ui.shot("valid-graph");

        ui.byTestId("save").click();
        assertThat(ui.byTestId("version-label")).hasText("v1", text(UI_BOUND_MS));
        ui.shot("saved-v1");

        // the saved config, read back through the API, is what was authored
        JsonNode saved = workflowNamed(name);
        assertEquals(1, saved.path("version").asInt(), saved.toString());
        JsonNode config = saved.path("config");
        Map<String, String> stepById = new HashMap<>();
        for (JsonNode n : config.path("nodes")) {
            stepById.put(n.path("id").asText(), n.path("step").asText());
        }
        Map<String, String> expectedSteps = new HashMap<>();
        ids.forEach((step, id) -> expectedSteps.put(id, step));
        assertEquals(expectedSteps, stepById, "the saved nodes: " + config.path("nodes"));
        Set<List<String>> edges = new HashSet<>();
        config.path("edges").forEach(e -> edges.add(List.of(e.path("from").asText(), e.path("to").asText())));
        assertEquals(Set.of(List.of(ids.get("order_line_setup"), ids.get("resolve_template")),
                List.of(ids.get("resolve_template"), ids.get("blender_still")),
                List.of(ids.get("blender_still"), ids.get("output_save"))), edges, "the saved edges");
        // params: exactly the values typed into the form over the step's schema defaults (whether the editor writes
        // the untouched defaults out or leaves them to the defaults is its business; the effective values are not)
        for (JsonNode n : config.path("nodes")) {
            String step = n.path("step").asText();
            ObjectNode expected = defaults(step);
            if (step.equals("blender_still")) {
                renderParams.forEach((k, v) -> expected.set(k, Api.JSON.valueToTree(v)));
            }
            ObjectNode effective = defaults(step);
            n.path("params").fields().forEachRemaining(f -> effective.set(f.getKey(), f.getValue()));
            assertEquals(expected, effective, "the effective params of node " + n.path("id").asText() + " (" + step
                    + "), saved as " + n.path("params"));
        }
        authored = new AuthoredGraph(saved.path("id").asText(), ids);
    }

    @Test
    @Order(2)
    void dispatchTheAuthoredGraphToAnOrderLineAndWatchTheRunCompleteLive(TestInfo info) {
        AuthoredGraph graph = authored != null ? authored : authoredThroughTheApi();
        String material = Scenario.unique("Console steel");
        s.material(material);
        String category = Scenario.unique("console-still");
        s.template(category, null, null);
        String outputType = s.outputType(null, "still_image", Tiny.still());
        String cad = s.uploadSampleStep().path("id").asText();
        Scenario.Line line = s.orderLine(cad, category, material, outputType);
        s.awaitTemplateKnown(graph.workflowId(), line.id());

        ConsolePage ui = browser.open(name(info), "console-author", "author", "#/editor/" + graph.workflowId());
        assertThat(ui.byTestId("version-label")).hasText("v1", text(UI_BOUND_MS));
        ui.byTestId("context-kind").selectOption("order_line");
        ui.byTestId("context-id").fill(line.id());
        ui.byTestId("preflight").click();
        assertThat(ui.byTestId("preflight-result")).isVisible(visible(UI_BOUND_MS));
        ui.shot("preflight");

        ui.byTestId("dispatch").click();
        assertThat(ui.byTestId("run-status")).isVisible(visible(UI_BOUND_MS));
        Matcher route = RUN_ROUTE.matcher(ui.route());
        assertTrue(route.find(), "dispatch lands on the run page, at " + ui.route());
        String runId = route.group(1);
        s.remember(Api.JSON.valueToTree(runId));
        ui.shot("run-started");

        // live: the page is never reloaded; the status changes through the run's event stream
        assertThat(ui.byTestId("run-status")).hasText("completed", text(RENDER_BOUND_MS));
        JsonNode run = s.run(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());
        assertEquals(line.id(), run.path("order_line_id").asText(), run.toString());
        for (String nodeId : graph.nodeIdByStep().values()) {
            assertThat(ui.byTestId("run-node", "data-node-id", nodeId))
                    .hasAttribute("data-status", Scenario.node(run, nodeId).path("status").asText(), attribute(UI_BOUND_MS));
        }
        // the still as the user gets it: the asset output_save published (its output names it), previewed at that node
        String outputNode = graph.nodeIdByStep().get("output_save");
        String assetId = Scenario.node(run, outputNode).path("output").path("media_asset_ids").path(0).asText();
        assertFalse(assetId.isEmpty(), "output_save published an asset: " + Scenario.node(run, outputNode));
        ui.byTestId("run-node", "data-node-id", outputNode).click();
        assertThat(ui.byTestId("node-detail")).isVisible();
        Locator image = ui.page().locator("[data-testid=node-detail] [data-testid=artifact-image]");
        assertThat(image).hasCount(1, count(UI_BOUND_MS));
        assertThat(image).hasAttribute("data-asset-id", assetId);
        awaitImage(ui, image, "the published still");
        // the save's record, field by field as the API has it
        JsonNode saved = Scenario.node(run, outputNode).path("output");
        assertThat(ui.byTestId("node-output-row", "data-key", "publication_mode").locator("td"))
                .hasText(saved.path("publication_mode").asText());
        assertThat(ui.byTestId("node-output-row", "data-key", "handoff_state").locator("td")).hasText("completed");
        assertThat(ui.byTestId("node-output-row", "data-key", "media_asset_ids").locator("td")).containsText(assetId);
        ui.shot("run-completed");

        // the render node's own file, as the worker reported it, is previewed at the render node too
        ui.byTestId("run-node", "data-node-id", graph.nodeIdByStep().get("blender_still")).click();
        Locator own = ui.page().locator("[data-testid=node-detail] [data-testid=artifact-image]");
        assertThat(own).hasCount(1, count(UI_BOUND_MS));
        awaitImage(ui, own, "the render node's still");
        ui.shot("render-node");
    }

    // ------------------------------------------------------------------ shadow comparison

    /** The shadow cases need the pair dispatched before the class's tests ran; say why when it could not be. */
    private void requireShadowPair() {
        if (shadowSetupFailure != null) {
            throw new AssertionError("the shadow pair could not be dispatched: " + shadowSetupFailure.getMessage(),
                    shadowSetupFailure);
        }
    }

    @Test
    @Order(3)
    void openAShadowRunsComparison(TestInfo info) {
        requireShadowPair();
        JsonNode comparison = s.awaitComparison(shadowRun, shadowOutputType);
        String verdict = comparison.path("verdict").path("verdict").asText();
        assertFalse(comparison.path("diff_image_path").asText("").isEmpty(), "the pair differs: " + comparison);

        ConsolePage ui = browser.open(name(info), "console-viewer", "viewer", "#/runs/" + shadowRun);
        Locator panel = ui.byTestId("shadow-comparison");
        assertThat(panel).isVisible(visible(UI_BOUND_MS));
        assertThat(panel.locator("[data-testid=verdict]")).hasText(verdict, text(UI_BOUND_MS));
        for (String picture : List.of("authoritative-output", "observer-output", "diff-image")) {
            assertThat(panel.locator("[data-testid=\"" + picture + "\"]")).isVisible();
        }
        // each picture says which side it is, not only its storage path
        assertThat(panel.locator("[data-testid=authoritative-output-title]")).hasText("Legacy (authoritative)");
        assertThat(panel.locator("[data-testid=observer-output-title]")).hasText("Graph (observer)");
        assertThat(panel.locator("[data-testid=diff-image-title]")).hasText("Difference");
        int reasons = comparison.path("verdict").path("reasons").size();
        assertTrue(reasons > 0, "the API gives reasons: " + comparison.path("verdict"));
        assertThat(panel.locator("[data-testid=verdict-reason]")).hasCount(reasons);
        assertThat(panel.locator("[data-testid=noise-floor]")).isVisible();
        ui.shot("shadow-comparison");
    }

    /**
     * The pictures themselves: the authoritative and observer outputs and the diff image, each a decoded image (the
     * console loads them with the token from comparison-service's {@code …/comparison/images/{side}}).
     */
    @Test
    @Order(4)
    void theShadowComparisonShowsBothOutputsAndTheDiffImage(TestInfo info) {
        requireShadowPair();
        s.awaitComparison(shadowRun, shadowOutputType);
        ConsolePage ui = browser.open(name(info), "console-viewer", "viewer", "#/runs/" + shadowRun);
        Locator panel = ui.byTestId("shadow-comparison");
        assertThat(panel).isVisible(visible(UI_BOUND_MS));
        for (String picture : List.of("authoritative-output", "observer-output", "diff-image")) {
            Locator image = panel.locator("[data-testid=\"" + picture + "\"]");
            assertThat(image).isVisible(visible(UI_BOUND_MS));
            awaitImage(ui, image, picture);
        }
        ui.shot("shadow-pictures");
    }

    // ------------------------------------------------------------------ rollout board

    @Test
    @Order(5)
    void switchAnOutputTypesRolloutModeOnTheBoard(TestInfo info) {
        String workflow = s.workflow("Console rollout", Tiny.graph(s.blueprint("still"), "graph"));
        String outputType = s.outputType(workflow, "still_image", Tiny.still());
        String before = s.dispatch.get("/api/rollout/output-types/" + outputType).expect(200).path("mode").asText();
        String target = before.equals("shadow") ? "legacy_only" : "shadow";
        String reason = "console test: observe " + Scenario.unique("reason");

        ConsolePage viewer = browser.open(name(info) + "-viewer", "console-viewer", "viewer", "#/rollouts");
        Locator seen = awaitRolloutRow(viewer, outputType);
        assertThat(seen.locator("[data-testid=rollout-mode]")).hasText(before);
        assertThat(viewer.byTestId("switch-mode")).hasCount(0);
        assertThat(viewer.byTestId("switch-submit")).hasCount(0);
        assertThat(viewer.byTestId("switch-force")).hasCount(0);
        viewer.shot("viewer-board");

        ConsolePage ui = browser.open(name(info), "console-operator", "operator", "#/rollouts");
        Locator row = awaitRolloutRow(ui, outputType);
        assertThat(row.locator("[data-testid=rollout-mode]")).hasText(before);
        ui.shot("operator-board");
        Locator mode = row.locator("[data-testid=switch-mode]");
        assertThat(mode).isVisible();
        assertThat(ui.byTestId("switch-force")).hasCount(0); // forcing is for admins
        mode.selectOption(target);
        row.locator("[data-testid=switch-reason]").fill(reason);
        row.locator("[data-testid=switch-submit]").click();

        assertThat(row.locator("[data-testid=rollout-mode]")).hasText(target, text(UI_BOUND_MS));
        assertThat(ui.byTestId("audit-row").filter(new Locator.FilterOptions().setHasText(reason)))
                .hasCount(1, count(UI_BOUND_MS));
        ui.shot("switched");
        JsonNode setting = s.dispatch.get("/api/rollout/output-types/" + outputType).expect(200);
        assertEquals(target, setting.path("mode").asText(), setting.toString());
        assertEquals(reason, setting.path("reason").asText(), setting.toString());
        assertEquals("console-operator", setting.path("updated_by").asText(), setting.toString());

        // the admin is offered what the operator was not, so the operator's missing force control means something
        ConsolePage admin = browser.open(name(info) + "-admin", "console-admin", "admin", "#/rollouts");
        Locator adminRow = awaitRolloutRow(admin, outputType);
        assertThat(adminRow.locator("[data-testid=switch-force]")).hasCount(1);
        admin.shot("admin-board");
    }

    // ------------------------------------------------------------------ version history

    @Test
    @Order(6)
    void saveASecondVersionAndReadTheDiff(TestInfo info) {
        AuthoredGraph graph = authored != null ? authored : authoredThroughTheApi();
        String render = graph.nodeIdByStep().get("blender_still");
        ConsolePage ui = browser.open(name(info), "console-author", "author", "#/editor/" + graph.workflowId());
        assertThat(ui.byTestId("version-label")).hasText("v1", text(UI_BOUND_MS));
        select(ui, render);
        field(ui, "/samples").fill("8");
        field(ui, "/samples").press("Tab");
        assertThat(ui.byTestId("save")).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(UI_BOUND_MS));
        ui.byTestId("save").click();
        assertThat(ui.byTestId("version-label")).hasText("v2", text(UI_BOUND_MS));
        JsonNode v2 = s.registry.get("/api/workflows/" + graph.workflowId() + "?version=2").expect(200);
        assertEquals(8, Tiny.node(v2.path("config"), render).path("params").path("samples").asInt(), v2.toString());

        ui.byTestId("versions").click();
        assertThat(ui.byTestId("version-row")).hasCount(2, count(UI_BOUND_MS));
        ui.byTestId("version-row", "data-version", "1").click();
        ui.byTestId("version-row", "data-version", "2").click();
        Locator diff = ui.byTestId("version-diff");
        assertThat(diff).isVisible(visible(UI_BOUND_MS));
        // readable: the one param that changed, with its node and both values
        assertThat(diff).containsText(render);
        assertThat(diff).containsText(Pattern.compile("samples\\W+4\\W+8"));
        ui.shot("version-diff");
    }

    // ------------------------------------------------------------------ helpers

    private static String insertFromPalette(ConsolePage ui, String step) {
        Set<Object> before = new HashSet<>((List<?>) ui.byTestId("graph-node").evaluateAll(
                "nodes => nodes.map(n => n.getAttribute('data-node-id'))"));
        ui.byTestId("palette-search").fill(step);
        Locator item = ui.byTestId("palette-item", "data-step", step);
        assertThat(item).hasCount(1);
        item.click();
        Locator inserted = ui.byTestId("graph-node", "data-step", step);
        assertThat(inserted).hasCount(1, count(UI_BOUND_MS));
        String id = inserted.getAttribute("data-node-id");
        assertFalse(id == null || id.isBlank() || before.contains(id), "a new node id for " + step + ": " + id);
        return id;
    }

    private static Locator node(ConsolePage ui, String nodeId) {
        return ui.byTestId("graph-node", "data-node-id", nodeId);
    }

    private static void select(ConsolePage ui, String nodeId) {
        node(ui, nodeId).click();
        assertThat(ui.byTestId("node-form")).isVisible();
    }

    private static void connect(ConsolePage ui, String from, String to) {
        select(ui, from);
        ui.byTestId("connect-target").selectOption(to);
        ui.byTestId("connect").click();
        assertThat(ui.page().locator("[data-testid=graph-edge][data-from=\"" + from + "\"][data-to=\"" + to + "\"]"))
                .hasCount(1);
    }

    private static Locator field(ConsolePage ui, String pointer) {
        return ui.page().locator("[data-testid=node-form] [data-field=\"" + pointer + "\"]");
    }

    /**
     * The field an issue names is marked beside it. The contract names no test id for the field's error text, so
     * this accepts the ways a form marks an input: {@code aria-invalid}/{@code data-invalid} on it, or an error text
     * about the range right beside it (its next sibling or its parent).
     */
    private static void assertFieldMarked(ConsolePage ui, String pointer) {
        Locator input = field(ui, pointer);
        Object marked = input.evaluate("""
                el => {
                  if (el.getAttribute('aria-invalid') === 'true' || el.getAttribute('data-invalid') === 'true') return true;
                  const beside = [el.nextElementSibling, el.parentElement].filter(Boolean)
                      .map(e => e.textContent).join(' ');
                  return /invalid_params|greater or equal|minimum|at least/i.test(beside);
                }""");
        assertTrue(Boolean.TRUE.equals(marked), "the field " + pointer + " is marked as invalid beside it");
    }

    private static void awaitImage(ConsolePage ui, Locator image, String what) {
        ui.page().waitForCondition(() -> ui.imageLoaded(image),
                new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(UI_BOUND_MS));
        assertTrue(ui.imageLoaded(image), what + " shows a decoded picture");
    }

    private static Locator awaitRolloutRow(ConsolePage ui, String outputType) {
        Locator row = ui.byTestId("rollout-row", "data-output-type", outputType);
        assertThat(row).isVisible(visible(UI_BOUND_MS));
        return row;
    }

    // ------------------------------------------------------------------ starters round trip

    @Test
    @Order(7)
    void everyPresetAndBlueprintSavedFromTheEditorKeepsItsConfigExactly(TestInfo info) {
        List<JsonNode> starters = new java.util.ArrayList<>();
        s.registry.get("/api/workflows/presets").expect(200).forEach(p -> starters.add(((ObjectNode) p.deepCopy())
                .put("key", p.path("name").asText())));
        s.registry.get("/api/workflows/blueprints").expect(200).forEach(b -> starters.add(((ObjectNode) b.deepCopy())
                .put("key", "blueprint-" + b.path("name").asText())));
        assertTrue(starters.size() > 1, "the registry lists presets and blueprints: " + starters);
        ConsolePage ui = browser.open(name(info), "console-author", "author", "#/workflows");
        List<String> differences = new java.util.ArrayList<>();
        for (JsonNode starter : starters) {
            String key = starter.path("key").asText();
            ui.page().navigate(ui.page().url().replaceFirst("#.*$", "") + "#/editor/new");
            ui.byTestId("starter", "data-starter", key).click();
            String name = Scenario.unique("Console starter " + key);
            ui.byTestId("workflow-name").fill(name);
            assertThat(ui.byTestId("save")).isEnabled(enabled(UI_BOUND_MS));
            ui.byTestId("save").click();
            assertThat(ui.byTestId("version-label")).hasText("v1", text(UI_BOUND_MS));
            JsonNode saved = workflowNamed(name).path("config");
            // JSON numbers compare by value: a browser writes 90.0 as 90, the same JSON number
            if (!starter.path("config").equals(SAME_JSON, saved)) {
                differences.add(key + ": started from " + starter.path("config") + ", saved " + saved);
            }
        }
        ui.shot("last-starter-saved");
        assertEquals(List.of(), differences, "every starter's config survives the editor's save unchanged");
    }

    /** JSON equality with numbers by value (0.0 and 0 are one JSON number), everything else exact. */
    private static final java.util.Comparator<JsonNode> SAME_JSON = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static JsonNode workflowNamed(String name) {
        for (JsonNode w : s.registry.get("/api/workflows").expect(200)) {
            if (name.equals(w.path("name").asText())) {
                return w;
            }
        }
        throw new AssertionError("the registry has no workflow named '" + name + "' after saving in the console");
    }

    private static ObjectNode defaults(String step) {
        JsonNode definition = s.registry.get("/api/workflows/node-definitions/" + step).expect(200);
        return definition.path("defaults").isObject() ? definition.path("defaults").deepCopy()
                : Api.JSON.createObjectNode();
    }

    /**
     * The same still graph through the API, so that the dispatch scenario tests dispatching even when the authoring
     * scenario failed before saving (its own failure is reported there).
     */
    private static AuthoredGraph authoredThroughTheApi() {
        ObjectNode config = Api.JSON.createObjectNode().put("version", 1);
        config.putObject("ui");
        config.putArray("nodes");
        config.putArray("edges");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("order_line_setup", "setup");
        ids.put("resolve_template", "template");
        ids.put("blender_still", "render");
        ids.put("output_save", "output");
        ids.forEach((step, id) -> {
            ObjectNode node = ((com.fasterxml.jackson.databind.node.ArrayNode) config.get("nodes")).addObject().put("id", id).put("step", step);
            if (step.equals("blender_still")) {
                node.set("params", Api.JSON.valueToTree(Tiny.still()));
            }
        });
        Tiny.addEdge(config, "setup", "template");
        Tiny.addEdge(config, "template", "render");
        Tiny.addEdge(config, "render", "output");
        return new AuthoredGraph(s.workflow("Console still (API)", config), ids);
    }

    static String name(TestInfo info) {
        return info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName());
    }

    static LocatorAssertions.IsVisibleOptions visible(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    static LocatorAssertions.IsEnabledOptions enabled(double ms) {
        return new LocatorAssertions.IsEnabledOptions().setTimeout(ms);
    }

    static LocatorAssertions.HasTextOptions text(double ms) {
        return new LocatorAssertions.HasTextOptions().setTimeout(ms);
    }

    static LocatorAssertions.HasCountOptions count(double ms) {
        return new LocatorAssertions.HasCountOptions().setTimeout(ms);
    }

    static LocatorAssertions.HasAttributeOptions attribute(double ms) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(ms);
    }
}
