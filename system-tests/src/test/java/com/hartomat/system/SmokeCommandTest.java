package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.hartomat.deploy.local.smoke.ExitCode;
import com.hartomat.deploy.local.smoke.Smoke;
import com.hartomat.deploy.local.smoke.SmokeRun;
import com.hartomat.deploy.local.smoke.StackUrls;
import com.hartomat.system.support.Assets;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.SystemStack.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./hartomat smoke still --mode legacy|graph|shadow} against the real stack: the smoke's own entry point with the
 * stack's URLs, its printed output captured, and the rows it left read back over the API. The methods run in order:
 * the later smokes reuse what the first one provisioned.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmokeCommandTest {

    private static final List<String> TINY = List.of("--size", "64x64", "--samples", "4");
    private static String productId;
    private static String outputTypeId;

    @RegisterExtension
    final Scenario s = new Scenario();

    private record Ran(Smoke.Report report, String output) {

        SmokeRun.Result result() {
            assertEquals(1, report.results().size(), output);
            return report.results().get(0);
        }

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Ran smoke(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TINY);
        // through the one base URL, as ./hartomat smoke goes, where nginx is installed; else to each service directly
        String token = s.stack.token("hartomat-smoke", "admin");
        StackUrls urls = s.stack.entryBaseUrl().map(base -> new StackUrls(base, base, base, token)).orElseGet(() ->
                new StackUrls(s.stack.api(Service.REGISTRY).base(), s.stack.api(Service.DISPATCH).base(),
                        s.stack.api(Service.COMPARISON).base(), token));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Smoke.Report report = Smoke.execute(all, () -> urls, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("---- ./hartomat smoke " + String.join(" ", all) + " (exit " + report.exitCode() + ")\n"
                + output);
        report.results().forEach(r -> s.remember(r.runId() == null ? TextNode.valueOf("") : TextNode.valueOf(r.runId())));
        return new Ran(report, output);
    }

    /** The line's one still: completed, named in the smoke's output with its path and sha256, content as recorded. */
    private JsonNode assertLineCompletedWithItsAssetPrinted(Ran ran) {
        String lineId = ran.result().orderLineId();
        assertEquals("completed", s.orderLineState(lineId).path("render_status").asText());
        List<JsonNode> assets = s.mediaAssets(lineId);
        assertEquals(1, assets.size(), "one media asset: " + assets);
        JsonNode asset = assets.get(0);
        assertEquals("still", asset.path("asset_type").asText(), asset.toString());
        assertTrue(ran.output().contains("media asset " + asset.path("path").asText() + "  still  image/png  "
                + asset.path("size_bytes").asLong() + " bytes"), ran.output());
        assertTrue(ran.output().contains("sha256 " + asset.path("sha256").asText()), ran.output());
        assertEquals(List.of(asset.path("path").asText()), ran.result().mediaAssetPaths());
        Assets.assertContentMatches(s, asset);
        return asset;
    }

    private String rolloutMode() {
        return s.dispatch.get("/api/rollout/output-types/" + outputTypeId).expect(200).path("mode").asText();
    }

    @Test
    @Order(1)
    void legacyStillSmokeProvisionsTheContractAndCompletesTheLine() {
        Ran ran = smoke("still", "--mode", "legacy");

        assertEquals(ExitCode.OK, ran.report().exitCode(), ran.output());
        assertEquals("smoke still --mode legacy: PASSED — the legacy render completed the order line with 1 media asset",
                ran.lastLine());
        for (String created : List.of("material", "render template", "workflow", "output type", "CAD file", "product",
                "order line")) {
            assertTrue(ran.output().matches("(?s).*\\n  created  " + created + " .*"), created + " created: " + ran.output());
        }
        assertTrue(ran.output().contains("dispatch: backend legacy"), ran.output());
        assertLineCompletedWithItsAssetPrinted(ran);

        productId = ran.result().productId();
        outputTypeId = ran.result().outputTypeId();
        JsonNode product = s.dispatch.get("/api/products/" + productId).expect(200);
        assertEquals("HARTOMAT-SMOKE", product.path("pim_id").asText(), product.toString());
        assertEquals("nut", product.path("cad_part_materials").get(0).path("part_name").asText(), product.toString());
        JsonNode outputType = s.registry.get("/api/output-types/" + outputTypeId).expect(200);
        assertEquals("HartOMat smoke still", outputType.path("name").asText(), outputType.toString());
        assertEquals(ran.result().workflowId(), outputType.path("workflow_definition_id").asText(), outputType.toString());
        assertEquals(64, outputType.path("render_settings").path("width").asInt(), outputType.toString());
        JsonNode workflow = s.registry.get("/api/workflows/" + ran.result().workflowId()).expect(200);
        assertEquals("graph", workflow.path("config").path("ui").path("execution_mode").asText(), workflow.toString());
        assertEquals("legacy_only", rolloutMode());
    }

    @Test
    @Order(2)
    void graphStillSmokeReusesTheContractForcesGraphAndCompletesTheRun() {
        Ran ran = smoke("still", "--mode", "graph");

        assertEquals(ExitCode.OK, ran.report().exitCode(), ran.output());
        assertEquals("smoke still --mode graph: PASSED — the graph run completed and published 1 media asset",
                ran.lastLine());
        assertEquals(productId, ran.result().productId(), "the product is reused");
        assertEquals(outputTypeId, ran.result().outputTypeId(), "the output type is reused");
        for (String reused : List.of("material", "render template", "workflow", "output type", "product")) {
            assertTrue(ran.output().matches("(?s).*\\n  reused   " + reused + " .*"), reused + " reused: " + ran.output());
        }
        assertTrue(ran.output().contains("rollout: output type -> graph, FORCED: no passing shadow verdict"), ran.output());
        assertEquals("graph", rolloutMode());
        JsonNode history = s.dispatch.get("/api/rollout/output-types/" + outputTypeId + "/history").expect(200);
        assertTrue(history.toString().contains("\"forced\":true"), "the forced switch is audited: " + history);

        String runId = ran.result().runId();
        assertNotNull(runId, ran.output());
        JsonNode run = s.run(runId);
        assertEquals("completed", run.path("status").asText(), run.toString());
        for (JsonNode node : run.path("node_results")) {
            assertTrue(ran.output().matches("(?s).*\\n  " + node.path("node_name").asText() + " +"
                    + node.path("step").asText() + " +" + node.path("status").asText() + " .*"),
                    "the summary names node " + node.path("node_name").asText() + ": " + ran.output());
        }
        JsonNode asset = assertLineCompletedWithItsAssetPrinted(ran);
        assertEquals(runId, asset.path("run_id").asText(), "published by the graph run: " + asset);
    }

    @Test
    @Order(3)
    void shadowStillSmokePassesWithACompletedLineAndAPassVerdict() {
        Ran ran = smoke("still", "--mode", "shadow");

        assertEquals(ExitCode.OK, ran.report().exitCode(), ran.output());
        assertEquals("smoke still --mode shadow: PASSED — shadow finished with a completed order line and verdict pass",
                ran.lastLine());
        assertEquals("shadow", rolloutMode());
        assertTrue(ran.output().contains("gate pending_shadow_verdict"), ran.output());
        String observerRun = ran.result().runId();
        assertNotNull(observerRun, "the smoke followed the observer run: " + ran.output());
        assertEquals("completed", s.run(observerRun).path("status").asText(), "the observer run completed");
        assertLineCompletedWithItsAssetPrinted(ran);
        // the verdict as dispatch keeps it and comparison-service measured it, printed with the verdict's reasons
        JsonNode comparison = s.stack.api(Service.COMPARISON).get("/api/workflows/runs/" + observerRun + "/comparison")
                .expect(200);
        assertEquals("pass", ran.result().verdict().verdict(), ran.output());
        assertTrue(ran.output().contains("\nverdict: pass (ready_for_rollout) — comparison "
                + comparison.path("status").asText() + ", exact match "), ran.output());
        for (JsonNode reason : comparison.path("verdict").path("reasons")) {
            assertTrue(ran.output().contains("\n  reason: " + reason.asText()), "reason printed: " + reason);
        }
        JsonNode readiness = s.dispatch.get("/api/rollout/output-types/" + outputTypeId + "/readiness").expect(200);
        assertEquals(observerRun, readiness.path("latest_verdicts").get(0).path("workflow_run_id").asText(),
                readiness.toString());
    }

    @Test
    @Order(4)
    void turntableAndBlendGraphSmokesPublishTheirVideoAndBlendFile() {
        Ran turntable = smoke("turntable", "--mode", "graph");
        assertEquals(ExitCode.OK, turntable.report().exitCode(), turntable.output());
        assertEquals(productId, turntable.result().productId(), "one smoke product for every kind");
        JsonNode video = Assets.ofType(s.mediaAssets(turntable.result().orderLineId()), "turntable").stream()
                .filter(a -> "video".equals(a.path("role").asText())).findFirst().orElseThrow();
        assertTrue(turntable.output().contains("media asset " + video.path("path").asText() + "  turntable/video  video/mp4"),
                turntable.output());
        assertEquals("completed", s.run(turntable.result().runId()).path("status").asText());

        Ran blend = smoke("blend", "--mode", "graph");
        assertEquals(ExitCode.OK, blend.report().exitCode(), blend.output());
        List<JsonNode> blends = Assets.ofType(s.mediaAssets(blend.result().orderLineId()), "blend_production");
        assertEquals(1, blends.size(), blend.output());
        assertTrue(blend.output().contains("media asset " + blends.get(0).path("path").asText()
                + "  blend_production/blend  application/x-blender"), blend.output());
        assertTrue(blend.output().matches("(?s).*\\n  blend +export_blend +completed .*"), blend.output());
    }

    @Test
    @Order(5)
    void approveRunsLegacyShadowAndThenGraphAndApproves() {
        Ran ran = smoke("approve");

        assertEquals(ExitCode.OK, ran.report().exitCode(), ran.output());
        assertEquals(3, ran.report().results().size(), "legacy, shadow and graph ran: " + ran.output());
        assertTrue(ran.output().contains("\nlegacy: PASSED — the legacy render completed the order line"), ran.output());
        assertTrue(ran.output().contains("\nshadow: PASSED — shadow finished with a completed order line and verdict pass"),
                ran.output());
        assertTrue(ran.output().contains("\nrollout: output type -> graph\n"), "graph enabled without force after the "
                + "passing shadow: " + ran.output());
        assertTrue(ran.output().contains("\ngraph: PASSED — the graph run completed"), ran.output());
        assertEquals("smoke approve: APPROVED: shadow finished with a completed order line and verdict pass, and the "
                + "graph smoke completed; graph may be enabled for the canonical still workflow", ran.lastLine());
        assertEquals("graph", rolloutMode());
    }
}
