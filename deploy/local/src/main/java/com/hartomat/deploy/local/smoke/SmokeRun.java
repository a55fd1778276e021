package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One smoke against a running stack: provision the contract, set the rollout mode, preflight, dispatch through the
 * order line, follow the render with a progress bar, print the summary (and for shadow the verdict), decide the exit.
 */
public final class SmokeRun {

    /** What a smoke leaves for its caller: the decision and the rows it rendered with. */
    public record Result(ExitDecision.Decision decision, String orderLineId, String outputTypeId, String workflowId,
            String productId, String runId, List<String> mediaAssetPaths, Verdict verdict) {
    }

    static final Duration RENDER_WAIT = Duration.ofMinutes(10);
    static final Duration TEMPLATE_WAIT = Duration.ofSeconds(30);
    private static final Set<String> RUN_ENDED = Set.of("completed", "failed", "cancelled");
    private static final Set<String> LINE_ENDED = Set.of("completed", "failed");

    private final SmokeHttp registry;
    private final SmokeHttp dispatch;
    private final SmokeHttp comparison;
    private final PrintStream out;
    private final boolean interactive;

    public SmokeRun(StackUrls urls, PrintStream out, boolean interactive) {
        this.registry = new SmokeHttp("workflow-registry", urls.registry(), urls.token());
        this.dispatch = new SmokeHttp("dispatch-service", urls.dispatch(), urls.token());
        this.comparison = new SmokeHttp("comparison-service", urls.comparison(), urls.token());
        this.out = out;
        this.interactive = interactive;
    }

    public Result run(SmokeKind kind, SmokeMode mode, RenderSize size, Duration verdictWait) {
        out.printf(Locale.ROOT, "== smoke %s --mode %s (%dx%d, %d samples)%n", kind.label(), mode.label(), size.width(),
                size.height(), size.samples());
        SmokeContract.Provisioned c = new SmokeContract(registry, dispatch).provision(kind, mode, size);
        for (SmokeContract.Row row : c.rows()) {
            out.printf(Locale.ROOT, "  %-8s %-16s %-42s %s%n", row.action(), row.entity(), row.name(), row.id());
        }
        setRollout(c.outputTypeId(), mode);
        preflight(c.workflowId(), c.orderLineId());

        JsonNode d = dispatch.post("/api/order-lines/" + c.orderLineId() + "/dispatch", null).expect(200);
        String runId = text(d.path("workflow_run_id"));
        String observerRunId = text(d.path("shadow_workflow_run_id"));
        out.printf(Locale.ROOT, "dispatch: backend %s, execution mode %s, gate %s%s%s%n", d.path("backend").asText(),
                d.path("execution_mode").asText(), d.path("rollout_gate_status").asText(),
                runId == null ? "" : ", run " + runId, observerRunId == null ? "" : ", shadow observer run " + observerRunId
                        + " (" + d.path("shadow_status").asText() + ")");
        List<String> gateReasons = RunSummary.texts(d.path("rollout_gate_reasons"));
        if (!d.path("shadow_error").asText("").isBlank()) {
            gateReasons = List.of(d.path("shadow_error").asText());
        }
        gateReasons.forEach(r -> out.println("  gate reason: " + r));
        List<String> jobs = RunSummary.texts(d.path("task_ids"));
        if (!jobs.isEmpty()) {
            out.println("  render jobs: " + String.join(", ", jobs) + (mode == SmokeMode.GRAPH ? "" : " (legacy)"));
        }

        String followed = mode == SmokeMode.SHADOW ? observerRunId : runId;
        Watched w = follow(c.orderLineId(), followed);

        JsonNode line = w.line();
        JsonNode run = w.run();
        out.printf(Locale.ROOT, "order line %s: %s after %d s%s%n", c.orderLineId(), line.path("render_status").asText(),
                w.seconds(), line.hasNonNull("result_path") ? ", result " + line.path("result_path").asText() : "");
        if (followed != null) {
            out.printf(Locale.ROOT, "%s %s: %s%s%n", mode == SmokeMode.SHADOW ? "observer run" : "run", followed,
                    run.path("status").asText(), run.hasNonNull("error_message") ? " — "
                            + SmokeHttp.oneLine(run.path("error_message").asText(), 300) : "");
            RunSummary.nodes(run).forEach(out::println);
        }
        List<JsonNode> assets = items(dispatch.get("/api/media-assets?order_line_id=" + c.orderLineId()).expect(200));
        if (assets.isEmpty()) {
            out.println("  no media asset");
        }
        assets.forEach(a -> out.println(RunSummary.asset(a)));

        Verdict verdict = null;
        if (mode == SmokeMode.SHADOW && observerRunId != null && LINE_ENDED.contains(line.path("render_status").asText())) {
            verdict = awaitVerdict(c.outputTypeId(), observerRunId, verdictWait);
            if (verdict == null) {
                out.println("verdict: none within " + verdictWait.toSeconds() + " s");
            } else {
                RunSummary.verdict(verdict).forEach(out::println);
            }
        }
        SmokeOutcome outcome = new SmokeOutcome(mode, d.path("backend").asText(), d.path("rollout_gate_status").asText(),
                gateReasons, line.path("render_status").asText(), followed == null ? null : run.path("status").asText(),
                RunSummary.brokenNode(run), text(run.path("fallback_job_id")), assets.size(), verdict, verdictWait,
                RENDER_WAIT);
        return new Result(ExitDecision.decide(outcome), c.orderLineId(), c.outputTypeId(), c.workflowId(), c.productId(),
                followed, assets.stream().map(a -> a.path("path").asText()).toList(), verdict);
    }

    /** The output type's rollout mode; graph without a passing shadow verdict is forced, and says so. */
    private void setRollout(String outputTypeId, SmokeMode mode) {
        String path = "/api/rollout/output-types/" + outputTypeId;
        JsonNode now = dispatch.get(path).expect(200);
        if (mode.rolloutMode().equals(now.path("mode").asText()) && "operator".equals(now.path("source").asText())) {
            out.println("rollout: output type already " + mode.rolloutMode());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode.rolloutMode());
        body.put("reason", "hartomat smoke --mode " + mode.label());
        SmokeHttp.Answer answer = dispatch.put(path, body);
        if (answer.status() == 409 && "shadow_verdict_required".equals(answer.code())) {
            body.put("force", true);
            body.put("reason", "hartomat smoke --mode graph: forced, no passing shadow verdict for this output type");
            dispatch.put(path, body).expect(200);
            out.println("rollout: output type -> graph, FORCED: no passing shadow verdict exists for it "
                    + "(audited with forced: true; ./hartomat smoke approve enables graph only after shadow passes)");
            return;
        }
        answer.expect(200);
        out.println("rollout: output type -> " + mode.rolloutMode());
    }

    /** Prints the preflight's issues; waits (bounded) until dispatch knows the render template registered just now. */
    private void preflight(String workflowId, String lineId) {
        String path = "/api/workflows/" + workflowId + "/preflight?context_id=" + lineId;
        long deadline = System.nanoTime() + TEMPLATE_WAIT.toNanos();
        JsonNode p = dispatch.get(path).expect(200);
        while (p.toString().contains("template_missing") && System.nanoTime() < deadline) {
            sleep(500);
            p = dispatch.get(path).expect(200);
        }
        JsonNode issues = p.path("issues");
        out.printf(Locale.ROOT, "preflight: %d nodes, graph dispatch %s, %s%n", p.path("nodes").size(),
                p.path("graph_dispatch_allowed").asBoolean() ? "allowed" : "NOT allowed",
                issues.isEmpty() ? "no issues" : issues.size() + " issue(s):");
        for (JsonNode i : issues) {
            out.printf(Locale.ROOT, "  %-7s %s %s: %s%n", i.path("severity").asText(), i.path("node_id").asText("-"),
                    i.path("code").asText(), i.path("message").asText());
        }
    }

    private record Watched(JsonNode line, JsonNode run, long seconds) {
    }

    /** Polls the order line (and the run, when there is one) until both ended, drawing the progress bar. */
    private Watched follow(String lineId, String runId) {
        long started = System.nanoTime();
        long deadline = started + RENDER_WAIT.toNanos();
        String lastShown = "";
        JsonNode line;
        JsonNode run = MissingNode.getInstance();
        while (true) {
            line = dispatch.get("/api/order-lines/" + lineId).expect(200);
            if (runId != null) {
                run = dispatch.get("/api/workflows/runs/" + runId).expect(200);
            }
            boolean lineEnded = LINE_ENDED.contains(line.path("render_status").asText());
            boolean runEnded = runId == null || RUN_ENDED.contains(run.path("status").asText());
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            String activity = runId == null ? "legacy render: order line " + line.path("render_status").asText()
                    : ProgressBar.activity(run) + (lineEnded ? "" : "; order line " + line.path("render_status").asText());
            // a legacy render reports no figure to dispatch: the bar only moves until the line ends
            Double fraction = runId != null ? Double.valueOf(ProgressBar.fraction(run)) : lineEnded ? Double.valueOf(1) : null;
            String bar = ProgressBar.render(fraction, activity, elapsed);
            if (interactive) {
                out.print("\r" + bar + "   ");
                out.flush();
            } else {
                // into a file or pipe: a line whenever the figure or the activity changes, not every poll
                String shown = (fraction == null ? "?" : Math.round(fraction * 100)) + " " + activity;
                if (!shown.equals(lastShown)) {
                    out.println(bar);
                    lastShown = shown;
                }
            }
            if ((lineEnded && runEnded) || System.nanoTime() > deadline) {
                break;
            }
            sleep(500);
        }
        if (interactive) {
            out.println();
        }
        return new Watched(line, run, (System.nanoTime() - started) / 1_000_000_000L);
    }

    /**
     * Waits (bounded) for dispatch to keep the verdict of this observer run, then adds what comparison-service measured
     * when it answers.
     */
    private Verdict awaitVerdict(String outputTypeId, String observerRunId, Duration wait) {
        out.println("waiting up to " + wait.toSeconds() + " s for the comparison verdict of observer run " + observerRunId
                + " ...");
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode readiness = dispatch.get("/api/rollout/output-types/" + outputTypeId + "/readiness").expect(200);
            JsonNode v = SmokeContract.byField(readiness.path("latest_verdicts"), "workflow_run_id", observerRunId);
            if (v != null) {
                Double delta = v.hasNonNull("mean_pixel_delta") ? v.path("mean_pixel_delta").asDouble() : null;
                JsonNode measured = comparisonOf(observerRunId);
                if (delta == null && measured.hasNonNull("mean_pixel_delta")) {
                    delta = measured.path("mean_pixel_delta").asDouble();
                }
                return new Verdict(v.path("verdict").asText(), text(v.path("status")), delta,
                        RunSummary.texts(v.path("reasons")), text(measured.path("status")),
                        measured.hasNonNull("exact_match") ? measured.path("exact_match").asBoolean() : null,
                        text(measured.path("summary")));
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            sleep(1000);
        }
    }

    /** comparison-service's account of the run; missing when it has none or does not answer. */
    private JsonNode comparisonOf(String runId) {
        try {
            SmokeHttp.Answer a = comparison.get("/api/workflows/runs/" + runId + "/comparison");
            return a.status() == 200 ? a.body() : MissingNode.getInstance();
        } catch (SmokeFailure e) {
            return MissingNode.getInstance();
        }
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> list = new ArrayList<>();
        page.path("items").forEach(list::add);
        return list;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmokeFailure("interrupted");
        }
    }
}
