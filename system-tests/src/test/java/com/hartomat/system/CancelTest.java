package com.hartomat.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.system.support.Api;
import com.hartomat.system.support.EventTap;
import com.hartomat.system.support.Scenario;
import com.hartomat.system.support.SystemStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator cancels a graph run while its turntable is rendering in the real worker: the Blender process rendering
 * the job is stopped, the worker reports the job {@code failed} / {@code job_cancelled}, the run and the node end
 * {@code cancelled} and stay so, nothing is published, and the run's status events ({@code runs.status.v1} and the
 * run's Server-Sent Events stream) say so.
 */
class CancelTest {

    /** Enough frames that the turntable renders for several seconds after its first frame, at the tiny size. */
    private static final int FRAMES = 96;

    @RegisterExtension
    final Scenario s = new Scenario();

    @Test
    void cancellingARunningTurntableStopsBlenderAndEndsTheRunCancelled() throws Exception {
        Scenario.GraphDispatch turntable = s.dispatchLongTurntable("cancel", FRAMES);
        Scenario.Line line = turntable.line();
        String runId = turntable.runId();

        // the turntable is rendering: the worker reported a rendered frame of its job
        JsonNode progress = s.awaitState("a rendered frame of the run's turntable job", () -> {
            for (JsonNode job : s.tap.jobsOfRun(runId)) {
                if (!"turntable".equals(job.path("job_type").asText())) {
                    continue;
                }
                for (JsonNode e : s.tap.events(job.path("job_id").asText())) {
                    if ("progress".equals(e.path("event_type").asText()) && e.path("progress").path("frame").isInt()) {
                        return e;
                    }
                }
            }
            return Api.JSON.createObjectNode();
        }, e -> e.has("job_id"));
        String jobId = progress.path("job_id").asText();
        List<ProcessHandle> rendering = blendersOf(jobId);
        assertFalse(rendering.isEmpty(), "a Blender process of the worker runs job " + jobId + ": "
                + describe(s.stack.descendants(SystemStack.Service.WORKER)));

        JsonNode cancelled = s.dispatch.post("/api/workflows/runs/" + runId + "/cancel",
                Map.of("reason", "system test: stop the turntable")).expect(200);
        assertEquals("cancelled", cancelled.path("status").asText(), cancelled.toString());
        assertTrue(textValues(cancelled.path("cancelled_job_ids")).contains(jobId),
                "the turntable job is among the cancelled jobs: " + cancelled);

        // the worker stops the Blender that renders the job and reports the job cancelled, for good
        JsonNode outcome = s.assertWorkerReports(jobId, "failed");
        assertEquals("job_cancelled", outcome.path("failure").path("code").asText(), outcome.toString());
        assertFalse(outcome.path("failure").path("retryable").asBoolean(true), outcome.toString());
        await("the Blender of job " + jobId + " to end").atMost(Duration.ofSeconds(60))
                .until(() -> rendering.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(blendersOf(jobId).isEmpty(), "no Blender of the worker still works on job " + jobId);
        assertTrue(s.tap.events(jobId).stream().noneMatch(e -> "completed".equals(e.path("event_type").asText())),
                "the worker never reported the cancelled job completed: " + s.tap.events(jobId));

        // after everything settled, the run and the node are still cancelled and nothing was published
        s.settle();
        JsonNode run = s.awaitRunFinished(runId);
        assertEquals("cancelled", run.path("status").asText(), run.toString());
        JsonNode node = Scenario.node(run, "turntable");
        assertEquals("cancelled", node.path("status").asText(), node.toString());
        assertEquals("job_cancelled", node.path("error_code").asText(), node.toString());
        JsonNode output = Scenario.node(run, "output");
        assertEquals("cancelled", output.path("status").asText(), "output_save never ran: " + output);
        assertTrue(s.mediaAssets(line.id()).isEmpty(), "no media asset: " + s.mediaAssets(line.id()));
        assertEquals("cancelled", s.orderLineState(line.id()).path("render_status").asText());
        assertTrue(s.tap.jobsOfRun(runId).stream().noneMatch(j -> !jobId.equals(j.path("job_id").asText())
                && "turntable".equals(j.path("job_type").asText())), "the turntable was not queued again");

        // runs.status.v1: the run's last run event is 'cancelled'; no event ever reports the turntable completed
        List<JsonNode> statusEvents = s.tap.all(EventTap.RUN_STATUS,
                e -> runId.equals(e.path("workflow_run_id").asText())).stream().map(EventTap.Seen::value).toList();
        List<JsonNode> runEvents = statusEvents.stream().filter(e -> "run".equals(e.path("scope").asText())).toList();
        assertFalse(runEvents.isEmpty(), "run events on runs.status.v1");
        JsonNode last = runEvents.get(runEvents.size() - 1);
        assertEquals("cancelled", last.path("status").asText(), last.toString());
        assertTrue(statusEvents.stream().anyMatch(e -> "turntable".equals(e.path("node_id").asText())
                && "cancelled".equals(e.path("status").asText())), "a node event says the turntable was cancelled");
        assertTrue(statusEvents.stream().noneMatch(e -> "turntable".equals(e.path("node_id").asText())
                && "completed".equals(e.path("status").asText())), "no event reports the turntable completed");
        assertTrue(statusEvents.stream().noneMatch(e -> "run".equals(e.path("scope").asText())
                && "completed".equals(e.path("status").asText())), "no event reports the run completed");

        // the run's SSE stream, replayed from its start, reaches the cancelled run event, with no completion before it
        List<String> data = sseData(runId);
        assertFalse(data.isEmpty(), "the stream replays the run's events");
        for (String d : data) {
            JsonNode e = Api.JSON.readTree(d);
            assertFalse("turntable".equals(e.path("node_id").asText()) && "completed".equals(e.path("status").asText()),
                    "the stream never reports the turntable completed: " + d);
        }
        JsonNode lastStreamed = Api.JSON.readTree(data.get(data.size() - 1));
        assertEquals("run", lastStreamed.path("scope").asText(), lastStreamed.toString());
        assertEquals("cancelled", lastStreamed.path("status").asText(), lastStreamed.toString());
    }

    /** The worker's Blender processes that work in one job's attempt directory (named after the job id). */
    private List<ProcessHandle> blendersOf(String jobId) {
        String prefix = jobId.replaceAll("[^A-Za-z0-9._-]", "_") + "-a";
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle p : s.stack.descendants(SystemStack.Service.WORKER)) {
            if (!p.info().command().map(c -> c.contains("blender")).orElse(false)) {
                continue;
            }
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
                if (cwd.getFileName() != null && cwd.getFileName().toString().startsWith(prefix)) {
                    out.add(p);
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return out;
    }

    private static String describe(List<ProcessHandle> processes) {
        StringBuilder out = new StringBuilder();
        for (ProcessHandle p : processes) {
            String cwd;
            try {
                cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString();
            } catch (IOException e) {
                cwd = "?";
            }
            out.append(p.pid()).append(' ').append(p.info().command().orElse("?")).append(" cwd=").append(cwd).append("; ");
        }
        return out.toString();
    }

    private static List<String> textValues(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /**
     * The {@code data:} lines of the run's status events from its first ({@code Last-Event-ID: 0}) up to its
     * {@code cancelled} run event.
     */
    private List<String> sseData(String runId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.dispatch.base() + "/api/workflows/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + s.stack.token("system-tests", "viewer"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").timeout(Duration.ofSeconds(60))
                .GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), "the run's event stream");
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String event = "";
            while (it.hasNext()) {
                String l = it.next();
                if (l.startsWith("event:")) {
                    event = l.substring(6).strip();
                } else if (l.startsWith("data:") && "status".equals(event)) {
                    data.add(l.substring(5).strip());
                    JsonNode e = Api.JSON.readTree(data.get(data.size() - 1));
                    if ("run".equals(e.path("scope").asText()) && "cancelled".equals(e.path("status").asText())) {
                        break; // the run's terminal event: the stream ends here (not waiting on the server's close)
                    }
                }
            }
        }
        return data;
    }
}
