package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void finishedNodesCountWholeAndARunningNodeByItsPercent() throws Exception {
        JsonNode run = new ObjectMapper().readTree("""
                {"status": "running", "node_results": [
                  {"node_name": "setup", "status": "completed"},
                  {"node_name": "bbox", "status": "skipped"},
                  {"node_name": "render", "status": "running", "progress": {"percent": 50, "stage": "render"}},
                  {"node_name": "output", "status": "pending"}]}
                """);
        assertEquals(2.5 / 4, ProgressBar.fraction(run), 1e-9);
        assertEquals("render running render 50%", ProgressBar.activity(run));
        assertEquals("[###################...........]  63%  render running render 50%  12 s",
                ProgressBar.render(ProgressBar.fraction(run), ProgressBar.activity(run), 12));
    }

    @Test
    void withoutAFigureTheBarMovesWithTime() {
        assertEquals("[..###.........................]   ?%  legacy render: order line processing  2 s",
                ProgressBar.render(null, "legacy render: order line processing", 2));
        assertEquals("[##############################] 100%  done  7 s", ProgressBar.render(1.0, "done", 7));
        assertEquals(0, ProgressBar.fraction(new ObjectMapper().createObjectNode()));
    }
}
