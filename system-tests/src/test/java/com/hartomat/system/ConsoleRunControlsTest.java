package com.hartomat.system;

import static com.hartomat.system.ConsoleTest.RENDER_BOUND_MS;
import static com.hartomat.system.ConsoleTest.UI_BOUND_MS;
import static com.hartomat.system.ConsoleTest.attribute;
import static com.hartomat.system.ConsoleTest.count;
import static com.hartomat.system.ConsoleTest.enabled;
import static com.hartomat.system.ConsoleTest.name;
import static com.hartomat.system.ConsoleTest.text;
import static com.hartomat.system.ConsoleTest.visible;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Api;
import com.hartomat.system.support.ConsoleBrowser;
import com.hartomat.system.support.ConsolePage;
import com.hartomat.system.support.Scenario;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The run page's controls as an operator uses them, in a real Chromium against the running suite (real worker and
 * Blender): retry from a failed node with an edited setting, resume a failed run, cancel a rendering turntable, and
 * what a role without run control, or a refused control, shows. Each run fails, renders or is cancelled for real: the
 * failures are {@link FallbackTest}'s (the category's template is a file that is no {@code .blend}, so Blender cannot
 * open it), repaired as an operator would, by putting a real {@code .blend} at the template's path before the retry or
 * resume; the cancelled render is {@link CancelTest}'s long turntable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRunControlsTest {

    /** Long enough that the turntable is still rendering when the operator's click arrives (CancelTest's size). */
    private static final int TURNTABLE_FRAMES = 96;
    private static final String CANCEL_REASON = "cancelled from the console";

    @RegisterExtension
    static final Scenario s = new Scenario();
    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    private Scenario.GraphDispatch toRetry;
    private Scenario.GraphDispatch toResume;

    @BeforeAll
    void dispatchTwoRendersThatFail() throws IOException {
        // both render (and fall back to legacy) while the first test waits for its own
        toRetry = s.dispatchFailingStill("console-retry");
        toResume = s.dispatchFailingStill("console-resume");
    }

    /**
     * The run failed in Blender for good and its legacy fallback finished the line (retry and resume are refused while
     * the fallback renders): the state an operator finds it in.
     */
    private static JsonNode awaitFailedAndFallenBack(Scenario.GraphDispatch failing) {
        JsonNode run = s.awaitRunFinished(failing.runId());
        assertEquals("failed", run.path("status").asText(), run.toString());
        JsonNode render = Scenario.node(run, "render");
        assertEquals("import_failed", render.path("error_code").asText(), render.toString());
        s.awaitLineFinished(failing.line().id());
        return s.run(failing.runId());
    }

    /**
     * What the operator does about the broken template: puts a real Blender file at its path (an empty scene saved by
     * Blender itself), so that the render can open it.
     */
    private static void repairTemplate(Path template) throws IOException, InterruptedException {
        Path script = Files.createTempFile("empty-template", ".py");
        Files.writeString(script, "import bpy\nbpy.ops.wm.read_factory_settings(use_empty=True)\n"
                + "bpy.ops.wm.save_as_mainfile(filepath=" + pythonString(template.toString()) + ")\n");
        Path log = Files.createTempFile("empty-template", ".log");
        Process blender = new ProcessBuilder("blender", "-b", "--factory-startup", "--python", script.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(blender.waitFor(120, TimeUnit.SECONDS), "Blender saved the template within 120 s");
        assertEquals(0, blender.exitValue(), "Blender saved the template: " + Files.readString(log));
        byte[] head = Files.readAllBytes(template);
        assertTrue(head.length > 7 && new String(head, 0, 7, StandardCharsets.ISO_8859_1).equals("BLENDER"),
                "a .blend at " + template);
        Files.delete(script);
        Files.delete(log);
    }

    private static String pythonString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * From now on, records every text the run's status badge and every value the node's {@code data-status} take on
     * the page (each DOM change with its old value, so that states replaced within one task are seen too).
     */
    private static void recordStates(ConsolePage ui, String nodeId) {
        ui.page().evaluate("""
                nodeId => {
                  const seen = window.__seen = { run: [], node: [] };
                  const badge = document.querySelector('[data-testid=run-status]');
                  const node = document.querySelector(`[data-testid=run-node][data-node-id="${nodeId}"]`);
                  seen.runFirst = badge.textContent; seen.nodeFirst = node.getAttribute('data-status');
                  new MutationObserver((records) => {
                    for (const r of records) {
                      if (r.type === 'attributes' && r.target.matches?.(`[data-testid=run-node][data-node-id="${nodeId}"]`)) {
                        seen.node.push(r.oldValue);
                      } else if (r.type !== 'attributes' && (r.target.parentElement ?? r.target).closest?.('[data-testid=run-status]')) {
                        seen.run.push(r.type === 'characterData' ? r.oldValue : null);
                      }
                    }
                  }).observe(document.body, { subtree: true, childList: true, characterData: true,
                    characterDataOldValue: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
                }""", nodeId);
    }

    /**
     * Since {@link #recordStates}: neither the run's badge nor the node went back to {@code failed} on the way to the
     * end they show now (the first old value is the state before the click: the failure itself).
     */
    @SuppressWarnings("unchecked")
    private static void assertNoStaleFailure(ConsolePage ui) {
        Map<String, Object> seen = (Map<String, Object>) ui.page().evaluate("""
                () => ({ run: window.__seen.run.slice(1), node: window.__seen.node.slice(1),
                         runFirst: window.__seen.runFirst, nodeFirst: window.__seen.nodeFirst })""");
        assertEquals("failed", seen.get("runFirst"), "recorded from the failed run: " + seen);
        assertFalse(((List<Object>) seen.get("run")).contains("failed"),
                "after the click the run's status never showed 'failed' again: " + seen);
        assertFalse(((List<Object>) seen.get("node")).contains("failed"),
                "after the click the node never showed 'failed' again: " + seen);
    }

    /**
     * The run's badge shows {@code status}, and of Resume, Cancel and (when a node is selected) Retry exactly the
     * {@code offered} ones are enabled; each other one is disabled, its title naming the status that rules it out.
     */
    private static void assertOffered(ConsolePage ui, String status, String... offered) {
        assertThat(ui.byTestId("run-status")).hasText(status, text(UI_BOUND_MS));
        List<String> controls = new ArrayList<>(List.of("resume", "cancel"));
        if (ui.byTestId("node-detail").count() > 0) {
            controls.add("retry");
        }
        for (String control : controls) {
            Locator button = ui.byTestId(control);
            if (List.of(offered).contains(control)) {
                assertThat(button).isEnabled(enabled(UI_BOUND_MS));
                assertNull(button.getAttribute("title"), control + " is offered without a reason against it");
            } else {
                assertThat(button).isDisabled(new LocatorAssertions.IsDisabledOptions().setTimeout(UI_BOUND_MS));
                assertThat(button).hasAttribute("title", Pattern.compile(".*\\b" + status + "\\b.*"));
            }
        }
    }

    // ------------------------------------------------------------------ retry from a node

    @Test
    @Order(1)
    void retryTheFailedRenderWithAnEditedSettingAndWatchTheRunComplete(TestInfo info) throws Exception {
        JsonNode failed = awaitFailedAndFallenBack(toRetry);
        JsonNode failedRender = Scenario.node(failed, "render");
        String firstJob = failedRender.path("job_id").asText();
        assertEquals(1, failedRender.path("attempt").asInt(), failedRender.toString());

        ConsolePage ui = browser.open(name(info), "console-operator", "operator", "#/runs/" + toRetry.runId());
        assertThat(ui.byTestId("run-status")).hasText("failed", text(UI_BOUND_MS));
        Locator renderRow = ui.byTestId("run-node", "data-node-id", "render");
        assertThat(renderRow).hasAttribute("data-status", "failed");
        renderRow.click();
        Locator detail = ui.byTestId("node-detail");
        assertThat(detail).hasAttribute("data-node-id", "render");
        // the failed node's error as the API has it: code and the worker's message
        Locator error = detail.locator("[data-testid=node-error]");
        assertThat(error.locator("[data-testid=node-error-code]")).hasText("import_failed");
        assertThat(error).containsText(failedRender.path("error_message").asText());
        assertThat(detail.locator("[data-testid=node-attempt]")).hasText("1");
        // a failed run can be retried or resumed, not cancelled: the page says so before anyone clicks
        assertOffered(ui, "failed", "resume", "retry");
        ui.shot("failed-render-selected");

        // the operator repairs the template, then retries the render with one setting edited in the form (samples 4→8)
        repairTemplate(toRetry.template());
        Locator samples = ui.page().locator("[data-testid=retry-params] [data-field=\"/samples\"]");
        assertThat(samples).hasValue("4");
        samples.fill("8");
        samples.press("Tab");
        ui.shot("retry-form-edited");
        recordStates(ui, "render");
        ui.byTestId("retry").click();

        // live, without a reload: the run runs again and completes (its event stream)
        assertThat(ui.byTestId("run-status")).hasText("completed", text(RENDER_BOUND_MS));
        assertThat(renderRow).hasAttribute("data-status", "completed", attribute(UI_BOUND_MS));
        assertThat(ui.byTestId("run-node", "data-node-id", "output"))
                .hasAttribute("data-status", "completed", attribute(UI_BOUND_MS));
        // the selected node's detail is the new attempt's, not the failure's
        assertThat(detail.locator("[data-testid=node-status]")).hasText("completed", text(UI_BOUND_MS));
        assertThat(detail.locator("[data-testid=node-attempt]")).hasText("2", text(UI_BOUND_MS));
        assertThat(detail.locator("[data-testid=node-error]")).hasCount(0, count(UI_BOUND_MS));
        assertThat(ui.byTestId("run-error")).hasCount(0, count(UI_BOUND_MS));
        Locator retryRow = ui.byTestId("retry-row");
        assertThat(retryRow).hasCount(1, count(UI_BOUND_MS));
        assertThat(retryRow.locator("[data-testid=retry-actor]")).hasText("console-operator");
        assertThat(retryRow.locator("[data-testid=retry-from]")).hasText("render");
        assertThat(retryRow.locator("[data-testid=retry-param][data-param=samples]")).containsText("8");
        assertOffered(ui, "completed", "retry");
        // the page stops following the run once it ended, and never went back to the failure it was retried from
        assertThat(ui.byTestId("live")).hasCount(0, count(UI_BOUND_MS));
        assertNoStaleFailure(ui);
        ui.shot("retried-completed");

        // the API: a second attempt of the render under a new job, with the edited params, recorded as the operator's
        JsonNode run = s.run(toRetry.runId());
        assertEquals("completed", run.path("status").asText(), run.toString());
        JsonNode render = Scenario.node(Scenario.assertNodeResults(run), "render");
        assertEquals("completed", render.path("status").asText(), render.toString());
        assertEquals(2, render.path("attempt").asInt(), render.toString());
        String newJob = render.path("job_id").asText();
        assertNotEquals(firstJob, newJob, "attempt 2 ran under a new job id: " + render);
        assertEquals(1, run.path("retries").size(), run.path("retries").toString());
        JsonNode retry = run.path("retries").get(0);
        assertEquals("render", retry.path("from_node").asText(), retry.toString());
        assertEquals("console-operator", retry.path("actor").asText(), retry.toString());
        assertEquals("failed", retry.path("run_status_before").asText(), retry.toString());
        assertEquals(8, retry.path("new_params").path("samples").asInt(), retry.toString());
        assertEquals(4, retry.path("old_params").path("samples").asInt(), retry.toString());
        JsonNode job = s.tap.job(newJob).orElseThrow(() -> new AssertionError("job " + newJob + " not on the wire"));
        assertEquals(8, job.path("params").path("samples").asInt(), "the new job renders with 8 samples: " + job);
        // the graph's still replaced the fallback's: one asset, the retried run's
        List<JsonNode> assets = s.mediaAssets(toRetry.line().id());
        assertEquals(1, assets.size(), "one asset for the line: " + assets);
        assertEquals(toRetry.runId(), assets.get(0).path("run_id").asText(), assets.toString());
    }

    // ------------------------------------------------------------------ resume

    @Test
    @Order(2)
    void resumeTheFailedRunAfterRepairingItsTemplate(TestInfo info) throws Exception {
        JsonNode failed = awaitFailedAndFallenBack(toResume);
        String firstJob = Scenario.node(failed, "render").path("job_id").asText();
        ConsolePage ui = browser.open(name(info), "console-operator", "operator", "#/runs/" + toResume.runId());
        assertThat(ui.byTestId("run-status")).hasText("failed", text(UI_BOUND_MS));
        assertThat(ui.byTestId("run-node", "data-node-id", "render")).hasAttribute("data-status", "failed");
        assertThat(ui.byTestId("run-node", "data-node-id", "output")).hasAttribute("data-status", "skipped");
        assertOffered(ui, "failed", "resume");
        ui.shot("failed");

        repairTemplate(toResume.template());
        recordStates(ui, "render");
        ui.byTestId("resume").click();
        assertThat(ui.byTestId("run-status")).hasText("completed", text(RENDER_BOUND_MS));
        assertThat(ui.byTestId("run-node", "data-node-id", "render"))
                .hasAttribute("data-status", "completed", attribute(UI_BOUND_MS));
        assertThat(ui.byTestId("run-node", "data-node-id", "output"))
                .hasAttribute("data-status", "completed", attribute(UI_BOUND_MS));
        assertThat(ui.byTestId("run-error")).hasCount(0, count(UI_BOUND_MS));
        assertThat(ui.byTestId("error-banner")).hasCount(0);
        assertThat(ui.byTestId("live")).hasCount(0, count(UI_BOUND_MS));
        assertNoStaleFailure(ui);
        assertOffered(ui, "completed");
        ui.shot("resumed-completed");

        JsonNode run = s.run(toResume.runId());
        assertEquals("completed", run.path("status").asText(), run.toString());
        JsonNode render = Scenario.node(Scenario.assertNodeResults(run), "render");
        assertEquals(2, render.path("attempt").asInt(), render.toString());
        assertNotEquals(firstJob, render.path("job_id").asText(), render.toString());
        assertEquals(0, run.path("retries").size(), "a resume is no retry: " + run.path("retries"));
        List<JsonNode> assets = s.mediaAssets(toResume.line().id());
        assertEquals(1, assets.size(), "one asset for the line: " + assets);
        assertEquals(toResume.runId(), assets.get(0).path("run_id").asText(), assets.toString());
    }

    // ------------------------------------------------------------------ refusals

    /** An author may watch a run but not control it: no resume, cancel or retry, not even disabled. */
    @Test
    @Order(3)
    void anAuthorSeesNoRunControls(TestInfo info) {
        s.awaitRunFinished(toRetry.runId());
        ConsolePage ui = browser.open(name(info), "console-author", "author", "#/runs/" + toRetry.runId());
        assertThat(ui.byTestId("run-status")).isVisible(visible(UI_BOUND_MS));
        ui.byTestId("run-node", "data-node-id", "render").click();
        assertThat(ui.byTestId("node-detail")).hasAttribute("data-node-id", "render");
        for (String control : List.of("resume", "cancel", "retry", "retry-params")) {
            assertThat(ui.byTestId(control)).hasCount(0);
        }
        ui.shot("author-run");
        // the operator, on the same page, does get them (so their absence above means something)
        ConsolePage operator = browser.open(name(info) + "-operator", "console-operator", "operator",
                "#/runs/" + toRetry.runId());
        operator.byTestId("run-node", "data-node-id", "render").click();
        for (String control : List.of("resume", "cancel", "retry", "retry-params")) {
            assertThat(operator.byTestId(control)).hasCount(1, count(UI_BOUND_MS));
        }
    }

    /**
     * A control the run's status rules out is not offered, and the page says why: the run has ended, so Cancel and
     * Resume are disabled with the reason, and the API agrees (409 {@code run_already_terminal}). A control the API
     * refuses for its input shows the API's answer: a retry with a setting out of range (422 {@code invalid_params} at
     * {@code /params/width}). Nothing changes.
     */
    @Test
    @Order(4)
    void refusedControlsShowTheApisCodeAndMessage(TestInfo info) {
        JsonNode before = s.awaitRunFinished(toRetry.runId());
        ConsolePage ui = browser.open(name(info), "console-operator", "operator", "#/runs/" + toRetry.runId());
        assertThat(ui.byTestId("run-status")).hasText(before.path("status").asText(), text(UI_BOUND_MS));
        // opened afresh, the page replays the run's whole history, the failure it was retried from included: once the
        // replay has ended, neither the run nor its render shows that failure's error (that no status event after the
        // failure leaves its error standing, even until the page's next refetch, is console-logic.test.mjs's case)
        assertThat(ui.byTestId("live")).hasCount(0, count(UI_BOUND_MS));
        assertThat(ui.byTestId("run-error")).hasCount(0);

        assertOffered(ui, "completed");
        assertThat(ui.byTestId("controls-hint")).containsText("Cancel: the run already ended (completed)");
        assertThat(ui.byTestId("controls-hint")).containsText("Resume: the run is completed");
        for (String control : List.of("cancel", "resume")) {
            Api.Response refused = s.dispatch.post("/api/workflows/runs/" + toRetry.runId() + "/" + control,
                    Map.of("reason", CANCEL_REASON));
            assertEquals(409, refused.status(), control + ": " + refused.text());
            assertEquals("run_already_terminal", refused.json().path("code").asText(), refused.text());
        }
        ui.shot("ended-run-controls");

        ui.byTestId("run-node", "data-node-id", "render").click();
        assertThat(ui.byTestId("node-attempt")).hasText("2", text(UI_BOUND_MS));
        assertThat(ui.byTestId("node-error")).hasCount(0);
        Locator width = ui.page().locator("[data-testid=retry-params] [data-field=\"/width\"]");
        assertThat(width).isVisible(visible(UI_BOUND_MS));
        width.fill("8");
        width.press("Tab");
        ui.byTestId("retry").click();
        assertThat(ui.byTestId("error-code")).hasText("invalid_params", text(UI_BOUND_MS));
        assertThat(ui.byTestId("error-path")).containsText("/params/width");
        assertThat(ui.byTestId("retry")).isEnabled(enabled(UI_BOUND_MS));
        ui.shot("retry-refused");

        JsonNode after = s.run(toRetry.runId());
        assertEquals(before.path("status").asText(), after.path("status").asText(), after.toString());
        assertEquals(before.path("retries").size(), after.path("retries").size(), "no retry recorded: " + after);
    }

    // ------------------------------------------------------------------ cancel

    @Test
    @Order(5)
    void cancelARenderingTurntableFromTheConsole(TestInfo info) {
        Scenario.GraphDispatch dispatched = s.dispatchLongTurntable("console-cancel", TURNTABLE_FRAMES);
        String runId = dispatched.runId();
        Scenario.Line line = dispatched.line();

        ConsolePage ui = browser.open(name(info), "console-operator", "operator", "#/runs/" + runId);
        // the operator waits until the turntable renders (the page follows the run live), then cancels
        Locator turntable = ui.byTestId("run-node", "data-node-id", "turntable");
        assertThat(turntable).hasAttribute("data-status", "running", attribute(RENDER_BOUND_MS));
        assertThat(ui.byTestId("run-status")).hasText("running");
        assertThat(ui.byTestId("live")).isVisible();
        ui.shot("rendering");
        assertOffered(ui, "running", "resume", "cancel");
        // Resume on a run whose job still renders changes nothing, and the page says so with the API's reason
        ui.byTestId("resume").click();
        assertThat(ui.byTestId("control-result")).containsText("Not resumed: the run is still running with live jobs",
                new LocatorAssertions.ContainsTextOptions().setTimeout(UI_BOUND_MS));
        assertThat(ui.byTestId("control-result")).containsText("turntable");
        assertThat(ui.byTestId("error-banner")).hasCount(0);
        assertThat(ui.byTestId("run-status")).hasText("running");
        assertThat(turntable).hasAttribute("data-status", "running");
        ui.shot("resume-changed-nothing");
        ui.byTestId("cancel").click();

        assertThat(ui.byTestId("run-status")).hasText("cancelled", text(UI_BOUND_MS));
        assertOffered(ui, "cancelled");
        assertThat(ui.byTestId("control-result")).hasCount(0);
        assertThat(turntable).hasAttribute("data-status", "cancelled", attribute(UI_BOUND_MS));
        assertThat(ui.byTestId("run-node", "data-node-id", "output"))
                .hasAttribute("data-status", "cancelled", attribute(UI_BOUND_MS));
        assertThat(ui.byTestId("run-error")).containsText(CANCEL_REASON,
                new LocatorAssertions.ContainsTextOptions().setTimeout(UI_BOUND_MS));
        assertThat(ui.byTestId("error-banner")).hasCount(0);
        assertThat(ui.byTestId("live")).hasCount(0, count(UI_BOUND_MS));
        ui.shot("cancelled");

        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("cancelled", run.path("status").asText(), run.toString());
        assertTrue(run.path("error_message").asText().contains("console-operator")
                && run.path("error_message").asText().endsWith(CANCEL_REASON), run.toString());
        assertEquals("job_cancelled", Scenario.node(run, "turntable").path("error_code").asText(), run.toString());
        assertEquals(1, Scenario.node(run, "turntable").path("attempt").asInt(), "the resume queued nothing: " + run);
        // nothing is published for it, even after the worker's last word
        s.settle();
        assertEquals("cancelled", s.run(runId).path("status").asText());
        assertTrue(s.mediaAssets(line.id()).isEmpty(), "no media asset: " + s.mediaAssets(line.id()));
        assertTrue(s.notifications(line.id()).isEmpty(), "no notification: " + s.notifications(line.id()));
        assertEquals("cancelled", s.orderLineState(line.id()).path("render_status").asText());
        assertFalse(Scenario.node(run, "output").path("status").asText().equals("completed"), run.toString());
        // the page still says cancelled once everything settled
        assertThat(ui.byTestId("run-status")).hasText("cancelled");
        assertThat(turntable).hasAttribute("data-status", "cancelled");
    }
}
