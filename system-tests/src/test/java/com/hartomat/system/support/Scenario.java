package com.hartomat.system.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.system.support.SystemStack.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One test's view of the stack: provisions registry entities and render contexts over the public HTTP API, dispatches,
 * waits with bounded polls, and remembers every run, order line and CAD file it touched. When the test fails, the
 * failure carries a report: each run's status with the node that broke (its error, output and log excerpt), the order
 * lines' state, the render jobs on the wire with the worker's account of them, and the service logs' recent errors.
 *
 * <p>A wait ends early when it has stalled: no render job is queued or rendering, nothing new appeared on the wire
 * and the awaited state did not change for {@link #STALL}. That separates "dispatch never applied the worker's
 * result" (fails {@link #STALL} after the last activity) from "Blender is slow on a loaded machine" (waits up to the
 * bound).
 */
public final class Scenario implements TestExecutionExceptionHandler {

    public static final Path SAMPLE_STEP = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");
    /** A part of the sample assembly (its nuts), for material assignments. */
    public static final String SAMPLE_PART = "nut";

    static final Duration STALL = Duration.ofSeconds(20);
    static final Duration BOUND = Duration.ofSeconds(240);

    public final SystemStack stack = SystemStack.get();
    public final Api registry = stack.api(Service.REGISTRY);
    public final Api dispatch = stack.api(Service.DISPATCH);
    public final EventTap tap = stack.tap();

    private final Set<String> runs = new LinkedHashSet<>();
    private final Set<String> orderLines = new LinkedHashSet<>();
    private final Set<String> cadFiles = new LinkedHashSet<>();

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ registry (workflow-registry)

    /** A library material with the registry's own definition format. */
    public String material(String name) {
        Map<String, Object> definition = Map.of("base_color", "#b03030", "metallic", 0.8, "roughness", 0.35);
        return registry.post("/api/materials", Map.of("name", name, "definition", definition)).expect(201)
                .path("id").asText();
    }

    /**
     * A render template for a category; a null {@code cameraPreset} takes the registry's default, a null
     * {@code templatePath} (relative to artifact storage) means the default scene.
     */
    public JsonNode template(String categoryKey, String cameraPreset, String templatePath) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category_key", categoryKey);
        body.put("name", "System test " + categoryKey);
        if (cameraPreset != null) {
            body.put("camera_preset", cameraPreset);
        }
        if (templatePath != null) {
            body.put("template_path", templatePath);
        }
        return registry.post("/api/render-templates", body).expect(201);
    }

    /** A blueprint's config as {@code GET /api/workflows/blueprints} serves it. */
    public JsonNode blueprint(String name) {
        for (JsonNode b : registry.get("/api/workflows/blueprints").expect(200)) {
            if (name.equals(b.path("name").asText())) {
                return b.path("config");
            }
        }
        throw new AssertionError("the registry serves no blueprint '" + name + "'");
    }

    public String workflow(String name, JsonNode config) {
        return registry.post("/api/workflows", Map.of("name", unique(name), "config", config, "is_active", true))
                .expect(201).path("id").asText();
    }

    /** An output type; {@code workflowId} null means legacy rendering. */
    public String outputType(String workflowId, String artifactKind, Map<String, Object> renderSettings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique("System output"));
        body.put("artifact_kind", artifactKind);
        body.put("render_settings", renderSettings);
        if (workflowId != null) {
            body.put("workflow_definition_id", workflowId);
        }
        return registry.post("/api/output-types", body).expect(201).path("id").asText();
    }

    /** Moves {@code outputTypeId} to rollout {@code mode} ({@code legacy}, {@code shadow}, {@code graph}), with a reason. */
    public void rollout(String outputTypeId, String mode, String reason) {
        dispatch.put("/api/rollout/output-types/" + outputTypeId, Map.of("mode", mode, "reason", reason)).expect(200);
    }

    /** A new graph workflow (the still blueprint), a still output type it renders, rolled out in shadow mode. */
    public record ShadowStill(String workflowId, String outputTypeId) {
    }

    public ShadowStill shadowStill(String workflowName, String reason) {
        String workflow = workflow(workflowName, Tiny.graph(blueprint("still"), "graph"));
        String outputType = outputType(workflow, "still_image", Tiny.still());
        rollout(outputType, "shadow", reason);
        return new ShadowStill(workflow, outputType);
    }

    // ------------------------------------------------------------------ render contexts (dispatch-service)

    /** The gmsh-doc sample assembly, decompressed (the upload takes .step/.stp only), uploaded as a CAD file. */
    public JsonNode uploadSampleStep() {
        byte[] step;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE_STEP))) {
            step = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the sample STEP " + SAMPLE_STEP + " is needed (Debian package gmsh-doc)", e);
        }
        JsonNode cad = dispatch.upload("/api/cad-files", "as1-tu-203.stp", step).expect(201);
        cadFiles.add(cad.path("id").asText());
        return cad;
    }

    public JsonNode cadFile(String id) {
        return dispatch.get("/api/cad-files/" + id).expect(200);
    }

    /** What a test needs of one order line. */
    /** A shadow order line whose observer is meant to differ from legacy, with its workflow and output type. */
    public record DifferingShadow(String workflowId, String outputTypeId, Line line) {
    }

    /**
     * An output type in shadow mode whose observer renders a part in other colours than legacy: legacy resolves the
     * product's material through its alias, the graph's material resolver ignores aliases, so the observer renders that
     * part in the default colour and the pair differs on purpose (comparison keeps a diff image). The line is ready to
     * dispatch.
     */
    public DifferingShadow differingShadowLine(String label, String reason) {
        String material = unique(label + " signal");
        String alias = unique(label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-alias");
        registry.post("/api/materials", Map.of("name", material, "aliases", List.of(alias), "definition",
                Map.of("base_color", "#20c020", "metallic", 0.0, "roughness", 0.5))).expect(201);
        String category = unique(label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-shadow");
        template(category, null, null);
        ObjectNode config = Tiny.graph(blueprint("still"), "graph");
        for (JsonNode node : config.path("nodes")) {
            if ("material_map_resolve".equals(node.path("step").asText())) {
                ObjectNode params = node.path("params").isObject() ? (ObjectNode) node.get("params")
                        : ((ObjectNode) node).putObject("params");
                params.put("use_aliases", false);
            }
        }
        String workflow = workflow(label + " shadow differs", config);
        String outputType = outputType(workflow, "still_image", Tiny.still());
        rollout(outputType, "shadow", reason);
        String cad = uploadSampleStep().path("id").asText();
        Line line = orderLine(cad, category, alias, outputType);
        awaitTemplateKnown(workflow, line.id());
        return new DifferingShadow(workflow, outputType, line);
    }

    public record Line(String id, String orderId, String productId, String cadFileId, String outputTypeId) {
    }

    /** A product on the CAD file (part {@value #SAMPLE_PART} in {@code material}), a submitted order, one line. */
    public Line orderLine(String cadFileId, String categoryKey, String material, String outputTypeId) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("pim_id", unique("PIM"));
        product.put("name", "System test product");
        product.put("category_key", categoryKey);
        product.put("cad_file_id", cadFileId);
        product.put("cad_part_materials", material == null ? List.of()
                : List.of(Map.of("part_name", SAMPLE_PART, "material", material)));
        String productId = dispatch.post("/api/products", product).expect(201).path("id").asText();
        String orderId = dispatch.post("/api/orders", Map.of("order_number", unique("SYS"), "created_by", "system-tests",
                "status", "submitted")).expect(201).path("id").asText();
        String lineId = dispatch.post("/api/order-lines", Map.of("order_id", orderId, "product_id", productId,
                "output_type_id", outputTypeId)).expect(201).path("id").asText();
        orderLines.add(lineId);
        return new Line(lineId, orderId, productId, cadFileId, outputTypeId);
    }

    public JsonNode orderLineState(String id) {
        return dispatch.get("/api/order-lines/" + id).expect(200);
    }

    public JsonNode order(String id) {
        return dispatch.get("/api/orders/" + id).expect(200);
    }

    /**
     * Waits until dispatch's read model knows the line's render template: a preflight of the workflow against the line
     * stops warning {@code template_missing} (templates reach dispatch through {@code registry.changes.v1}).
     */
    public void awaitTemplateKnown(String workflowId, String lineId) {
        awaitState("dispatch to know the render template of line " + lineId,
                () -> dispatch.get("/api/workflows/" + workflowId + "/preflight?context_id=" + lineId).expect(200),
                p -> !p.toString().contains("template_missing"));
    }

    // ------------------------------------------------------------------ dispatching

    /** {@code POST /api/order-lines/{id}/dispatch}; remembers the run(s) it created. */
    public JsonNode dispatchLine(String lineId) {
        JsonNode r = dispatch.post("/api/order-lines/" + lineId + "/dispatch", null).expect(200);
        remember(r.path("workflow_run_id"));
        remember(r.path("shadow_workflow_run_id"));
        return r;
    }

    /** {@code POST /api/workflows/{id}/dispatch?context_id=}; remembers the run. */
    public JsonNode dispatchWorkflow(String workflowId, String contextId) {
        JsonNode r = dispatch.post("/api/workflows/" + workflowId + "/dispatch?context_id=" + contextId, null).expect(200);
        remember(r.path("workflow_run").path("id"));
        return r;
    }

    public void remember(JsonNode runId) {
        if (runId.isTextual() && !runId.asText().isBlank()) {
            runs.add(runId.asText());
        }
    }

    public JsonNode run(String id) {
        return dispatch.get("/api/workflows/runs/" + id).expect(200);
    }

    /** The items of a paged list endpoint, e.g. {@code /api/media-assets?order_line_id=…}. */
    public List<JsonNode> items(String pathAndQuery) {
        List<JsonNode> out = new ArrayList<>();
        dispatch.get(pathAndQuery).expect(200).path("items").forEach(out::add);
        return out;
    }

    public List<JsonNode> mediaAssets(String lineId) {
        return items("/api/media-assets?order_line_id=" + lineId);
    }

    public List<JsonNode> notifications(String lineId) {
        return items("/api/notifications?order_line_id=" + lineId);
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits for the worker's final word on a render job as it appears on {@code render.events.v1} and checks it: the
     * half of the chain from dispatch's job to the worker's result, before dispatch applies it.
     */
    public JsonNode assertWorkerReports(String jobId, String expectedEventType) {
        JsonNode outcome = awaitState("the worker's outcome of job " + jobId,
                () -> tap.outcome(jobId).orElse(Api.JSON.createObjectNode()), o -> o.has("event_type"));
        if (!expectedEventType.equals(outcome.path("event_type").asText())) {
            throw new AssertionError("the worker reported job " + jobId + " " + outcome.path("event_type").asText()
                    + ", expected " + expectedEventType + ": " + outcome.path("failure").path("code").asText("") + " "
                    + outcome.path("failure").path("message").asText(""));
        }
        return outcome;
    }

    /** Waits for a run to reach a final status (completed, failed, cancelled). */
    public JsonNode awaitRunFinished(String runId) {
        runs.add(runId);
        return awaitState("run " + runId + " to finish", () -> run(runId),
                r -> Set.of("completed", "failed", "cancelled").contains(r.path("status").asText()));
    }

    /**
     * Waits for comparison-service to have stored the comparison of a shadow run (with its verdict), and for dispatch to
     * have recorded that verdict (the readiness of the output type lists it).
     */
    public JsonNode awaitComparison(String observerRunId, String outputTypeId) {
        Api comparison = stack.api(SystemStack.Service.COMPARISON);
        JsonNode stored = awaitState("the comparison of run " + observerRunId, () -> {
            Api.Response r = comparison.get("/api/workflows/runs/" + observerRunId + "/comparison");
            return r.status() == 200 ? r.json() : Api.JSON.createObjectNode().put("http_status", r.status());
        }, c -> c.has("verdict"));
        awaitState("dispatch to record the verdict of run " + observerRunId,
                () -> dispatch.get("/api/rollout/output-types/" + outputTypeId + "/readiness").expect(200),
                r -> r.path("latest_verdicts").findValuesAsText("workflow_run_id").contains(observerRunId));
        return stored;
    }

    /** Waits for an order line's render_status to leave pending/processing. */
    public JsonNode awaitLineFinished(String lineId) {
        orderLines.add(lineId);
        return awaitState("order line " + lineId + " to finish rendering", () -> orderLineState(lineId),
                l -> Set.of("completed", "failed").contains(l.path("render_status").asText()));
    }

    /**
     * Polls {@code probe} every half second until {@code done} holds: bounded by {@link #BOUND}, and failing early when
     * the stack has gone quiet (see the class comment).
     */
    public JsonNode awaitState(String what, Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        AtomicReference<String> fingerprint = new AtomicReference<>("");
        AtomicLong changedAt = new AtomicLong(System.nanoTime());
        try {
            await(what).atMost(BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonNode now = probe.get();
                last.set(now);
                if (!now.toString().equals(fingerprint.get())) {
                    fingerprint.set(now.toString());
                    changedAt.set(System.nanoTime());
                }
                if (done.test(now)) {
                    return true;
                }
                long quietSince = Math.max(changedAt.get(), tap.lastSeenNanos());
                List<String> inFlight = tap.inFlight();
                if (inFlight.isEmpty() && System.nanoTime() - quietSince > STALL.toNanos()) {
                    throw new AssertionError("stalled waiting for " + what + ": no render job in flight, nothing new on "
                            + "the wire and no change for " + STALL.toSeconds() + " s; last state: "
                            + Api.excerpt(now.toString(), 1500));
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + BOUND.toSeconds() + " s waiting for " + what + "; jobs in flight "
                    + tap.inFlight() + "; last state: " + Api.excerpt(String.valueOf(last.get()), 1500), e);
        }
        return last.get();
    }

    /**
     * Waits until no render job is queued or rendering and the wire has been quiet for a moment: after this, a count
     * of assets or notifications is final, not a snapshot before a duplicate arrives.
     */
    public void settle() {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (tap.inFlight().isEmpty() && System.nanoTime() - tap.lastSeenNanos() > Duration.ofMillis(1500).toNanos()) {
                return;
            }
            SystemStack.sleep(250);
        }
        throw new AssertionError("the stack did not settle: jobs in flight " + tap.inFlight());
    }

    /**
     * What every golden case asserts of a finished run's node results beyond their status: each node that ran as a
     * render job names its job, its worker, its attempt and its timings; a node that failed carries its error code and
     * the worker's log excerpt (its logs). Returns the run for chaining.
     */
    public static JsonNode assertNodeResults(JsonNode run) {
        List<String> problems = new ArrayList<>();
        for (JsonNode n : run.path("node_results")) {
            String name = n.path("node_name").asText();
            String status = n.path("status").asText();
            if (!n.path("job_id").asText("").isBlank() && Set.of("completed", "failed").contains(status)) {
                if (n.path("worker_id").asText("").isBlank()) {
                    problems.add(name + ": no worker_id");
                }
                if (n.path("attempt").asInt(0) < 1) {
                    problems.add(name + ": attempt " + n.path("attempt"));
                }
                if (n.path("finished_at").asText("").isBlank() || n.path("duration_ms").asLong(-1) < 0) {
                    problems.add(name + ": no finished_at / duration_ms");
                }
            }
            if ("failed".equals(status) && (n.path("error_code").asText("").isBlank()
                    || n.path("log_excerpt").asText("").isBlank())) {
                problems.add(name + ": failed without error_code and log_excerpt");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("node results of run " + run.path("id").asText() + ": " + problems + " in "
                    + Api.excerpt(run.path("node_results").toString(), 2000));
        }
        return run;
    }

    /** The node result of a run by node name. */
    public static JsonNode node(JsonNode run, String name) {
        for (JsonNode n : run.path("node_results")) {
            if (name.equals(n.path("node_name").asText())) {
                return n;
            }
        }
        throw new AssertionError("run " + run.path("id").asText() + " has no node '" + name + "': "
                + Api.excerpt(run.toString(), 1500));
    }

    public Path storage(String relativePath) {
        return stack.artifacts().resolve(relativePath);
    }

    /**
     * A render template of {@code categoryKey} whose file Blender cannot open (a text file at its path in artifact
     * storage, where operators put templates): every render with it fails for real with {@code import_failed}.
     * Returns the file, so a test can repair it.
     */
    public Path brokenTemplate(String categoryKey) throws IOException {
        String templatePath = "templates/" + categoryKey + "/studio.blend";
        Path template = storage(templatePath);
        Files.createDirectories(template.getParent());
        Files.writeString(template, "this is a text file, not a Blender file\n", StandardCharsets.UTF_8);
        template(categoryKey, null, templatePath);
        return template;
    }

    /** A graph run dispatched for a fresh order line: the dispatch's answer, the line, the template file (or null). */
    public record GraphDispatch(JsonNode dispatched, Line line, Path template) {
        public String runId() {
            return dispatched.path("workflow_run_id").asText();
        }
    }

    /** A graph still whose render fails in Blender for real ({@link #brokenTemplate}), dispatched on a fresh line. */
    public GraphDispatch dispatchFailingStill(String label) throws IOException {
        String category = unique(label);
        Path template = brokenTemplate(category);
        return dispatchGraph(label, category, template, Tiny.graph(blueprint("still"), "graph"), "still_image",
                Tiny.still());
    }

    /**
     * A graph turntable of {@code frames} frames (8 fps, 16 samples), dispatched on a fresh line: at the tiny size it
     * renders for several seconds after its first frame, long enough to act on it while it runs.
     */
    public GraphDispatch dispatchLongTurntable(String label, int frames) {
        ObjectNode config = Tiny.graph(blueprint("turntable"), "graph");
        ((ObjectNode) Tiny.node(config, "turntable").path("params")).put("frame_count", frames).put("fps", 8)
                .put("duration_s", frames / 8.0).put("samples", 16);
        Map<String, Object> settings = Tiny.turntable();
        settings.put("frame_count", frames);
        settings.put("fps", 8);
        settings.put("duration_s", frames / 8.0);
        settings.put("samples", 16);
        String category = unique(label);
        template(category, null, null);
        return dispatchGraph(label, category, null, config, "turntable_video", settings);
    }

    private GraphDispatch dispatchGraph(String label, String category, Path template, ObjectNode config,
            String artifactKind, Map<String, Object> settings) {
        String material = unique("Steel");
        material(material);
        String workflow = workflow("System " + label, config);
        String outputType = outputType(workflow, artifactKind, settings);
        String cad = uploadSampleStep().path("id").asText();
        Line line = orderLine(cad, category, material, outputType);
        awaitTemplateKnown(workflow, line.id());
        JsonNode dispatched = dispatchLine(line.id());
        assertEquals("workflow_graph", dispatched.path("backend").asText(), dispatched.toString());
        return new GraphDispatch(dispatched, line, template);
    }

    // ------------------------------------------------------------------ failure report

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String report;
        try {
            report = report();
        } catch (RuntimeException | Error e) {
            report = "(the failure report itself failed: " + e + ")";
        }
        AssertionError withReport = new AssertionError(failure.getMessage() + "\n\n" + report, failure);
        withReport.setStackTrace(failure.getStackTrace());
        throw withReport;
    }

    /** What the stack knows about everything this test touched. */
    public String report() {
        StringBuilder out = new StringBuilder("==== system stack report ====\n");
        Set<String> jobIds = new LinkedHashSet<>();
        List<JsonNode> jobs = new ArrayList<>();
        for (String runId : runs) {
            Api.Response r = dispatch.get("/api/workflows/runs/" + runId);
            out.append("run ").append(runId).append(": ");
            if (r.status() != 200) {
                out.append("GET answered ").append(r.status()).append('\n');
            } else {
                JsonNode run = r.json();
                out.append(run.path("status").asText()).append(" mode=").append(run.path("execution_mode").asText())
                        .append(" error=").append(run.path("error_message").asText("-"))
                        .append(" fallback_job_id=").append(run.path("fallback_job_id").asText("-"))
                        .append(" fallback_from=").append(run.path("fallback_from").asText("-")).append('\n');
                out.append(describeNodes(run));
            }
            tap.jobsOfRun(runId).forEach(j -> add(jobs, jobIds, j));
        }
        for (String lineId : orderLines) {
            Api.Response r = dispatch.get("/api/order-lines/" + lineId);
            out.append("order line ").append(lineId).append(": ")
                    .append(r.status() == 200 ? "render_status=" + r.json().path("render_status").asText()
                            + " result_path=" + r.json().path("result_path").asText("-") : "GET answered " + r.status());
            out.append("; media assets: ").append(count("/api/media-assets?order_line_id=" + lineId))
                    .append("; notifications: ").append(count("/api/notifications?order_line_id=" + lineId)).append('\n');
            tap.jobsOfOrderLine(lineId).forEach(j -> add(jobs, jobIds, j));
        }
        for (String cadId : cadFiles) {
            Api.Response r = dispatch.get("/api/cad-files/" + cadId);
            out.append("cad file ").append(cadId).append(": parsed_objects=")
                    .append(r.status() == 200 ? Api.excerpt(r.json().path("parsed_objects").toString(), 300)
                            : "GET answered " + r.status()).append('\n');
            tap.jobsOfCadFile(cadId).forEach(j -> add(jobs, jobIds, j));
        }
        out.append("render jobs on the wire and what the worker said:\n").append(tap.describe(jobs));
        for (Service service : List.of(Service.DISPATCH, Service.WORKER)) {
            out.append("recent ERROR/WARN lines of ").append(stack.log(service)).append(":\n");
            String tail = stack.logTail(service, 12, "ERROR") + "\n" + stack.logTail(service, 6, "WARN");
            out.append(EventTap.indent(Api.excerpt(tail.strip(), 4000)));
        }
        return out.toString();
    }

    private static void add(List<JsonNode> jobs, Set<String> ids, JsonNode job) {
        if (ids.add(job.path("job_id").asText())) {
            jobs.add(job);
        }
    }

    private String count(String pathAndQuery) {
        Api.Response r = dispatch.get(pathAndQuery);
        return r.status() == 200 ? r.json().path("total").asText(String.valueOf(r.json().path("items").size()))
                : "GET answered " + r.status();
    }

    /** Every node's status; the node that broke (failed, or the first not completed) with its output and log. */
    static String describeNodes(JsonNode run) {
        StringBuilder out = new StringBuilder();
        JsonNode broke = null;
        for (JsonNode n : run.path("node_results")) {
            String status = n.path("status").asText();
            out.append("  node ").append(n.path("node_name").asText()).append(" (").append(n.path("step").asText())
                    .append("): ").append(status);
            if (n.hasNonNull("job_id")) {
                out.append(" job=").append(n.path("job_id").asText());
            }
            out.append('\n');
            if (broke == null && "failed".equals(status)) {
                broke = n;
            }
        }
        if (broke == null) {
            for (JsonNode n : run.path("node_results")) {
                if (!Set.of("completed", "skipped").contains(n.path("status").asText())) {
                    broke = n;
                    break;
                }
            }
        }
        if (broke != null) {
            out.append("  -> node that broke or holds the run up: '").append(broke.path("node_name").asText())
                    .append("' (").append(broke.path("step").asText()).append(") status=")
                    .append(broke.path("status").asText()).append(" error_code=").append(broke.path("error_code").asText("-"))
                    .append(" error=").append(broke.path("error_message").asText("-")).append('\n')
                    .append("     output: ").append(Api.excerpt(broke.path("output").toString(), 1200)).append('\n');
            String log = broke.path("log_excerpt").asText("");
            if (!log.isEmpty()) {
                out.append("     log excerpt:\n").append(EventTap.indent(EventTap.tail(log, 1500)));
            }
        }
        return out.toString();
    }
}
