package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/workflows/runs/{id}/nodes/{node}/artifacts/{index}/content}: the file a node reported, whether or
 * not it was published (here a graph still behind output_save, with the render node's own artifact), by range too;
 * clear 4xx for a node, index or file that is not there; the execution-mode filter of the runs list.
 */
@QuarkusTest
class NodeArtifactsApiTest extends LifecycleTestBase {

    @Test
    void aNodesReportedFileIsServedWithItsMediaTypeAndByRange() throws Exception {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, true));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        Artifact still = LifecycleFixtures.still(line.orderLineId(), "_render");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};
        Path root = Path.of(ConfigProvider.getConfig().getValue("hartomat.storage.root", String.class));
        Files.createDirectories(root.resolve(still.path()).getParent());
        Files.write(root.resolve(still.path()), png);
        apply(events.completed(events.jobOf(runId, "render"), List.of(still), Map.of()));

        String url = "/api/workflows/runs/" + runId + "/nodes/render/artifacts/0/content";
        byte[] body = given().when().get(url).then().statusCode(200).contentType("image/png")
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertArrayEquals(png, body);
        byte[] part = given().header("Range", "bytes=1-3").when().get(url).then().statusCode(206)
                .header("Content-Range", "bytes 1-3/12").extract().asByteArray();
        assertEquals("PNG", new String(part, java.nio.charset.StandardCharsets.US_ASCII));

        given().when().get("/api/workflows/runs/" + runId + "/nodes/nope/artifacts/0/content")
                .then().statusCode(404).body("code", equalTo("node_result_not_found"));
        given().when().get("/api/workflows/runs/" + runId + "/nodes/render/artifacts/7/content")
                .then().statusCode(404).body("code", equalTo("artifact_not_found"));
        given().when().get("/api/workflows/runs/" + runId + "/nodes/render/artifacts/-1/content")
                .then().statusCode(400).body("code", equalTo("invalid_artifact_index")).body("path", equalTo("/index"));
        Files.delete(root.resolve(still.path()));
        given().when().get(url).then().statusCode(404).body("code", equalTo("content_missing"));
    }

    @Test
    void runsAreFilteredByExecutionMode() {
        Line graph = graphLine(Graphs.still("graph", 64, 64, true, true));
        String graphRun = (String) LifecycleFixtures.dispatch(graph.orderLineId()).get("workflow_run_id");
        Line shadow = graphLine(Graphs.still("shadow", 64, 64, true, true));
        String shadowRun = (String) LifecycleFixtures.dispatch(shadow.orderLineId()).get("shadow_workflow_run_id");

        List<String> graphs = given().queryParam("execution_mode", "graph").queryParam("page_size", 200)
                .when().get("/api/workflows/runs").then().statusCode(200).extract().jsonPath().getList("items.id");
        List<String> shadows = given().queryParam("execution_mode", "shadow").queryParam("page_size", 200)
                .when().get("/api/workflows/runs").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(true, graphs.contains(graphRun) && !graphs.contains(shadowRun), graphs.toString());
        assertEquals(true, shadows.contains(shadowRun) && !shadows.contains(graphRun), shadows.toString());
        given().queryParam("execution_mode", "sideways").when().get("/api/workflows/runs")
                .then().statusCode(422).body("code", equalTo("invalid_execution_mode")).body("path", equalTo("/execution_mode"));
    }
}
