package com.hartomat.dispatch.runstream;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import com.hartomat.dispatch.support.SseClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run status streams over real HTTP, PostgreSQL and Kafka: a dispatch's events replayed from run_events, further
 * events produced straight onto runs.status.v1 (as another replica's outbox would, with its run_events row) arriving
 * live, resume with Last-Event-ID without gap or duplicate, and the end of the stream at the run's end.
 */
@QuarkusTest
class RunEventsStreamTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    AgroalDataSource db;

    @Inject
    RunStatusFeed feed;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
        await().atMost(WAIT).until(feed::live);
    }

    /** A graph run as dispatch leaves it: events 1 (the run, pending) and 2 (render queued) in run_events. */
    record Run(String id, String workflowId, Line line) {
    }

    /** The next status event past the dispatch's own (1 and 2), whose live copies may still be arriving. */
    static SseClient.Event nextAfterDispatch(SseClient stream) {
        while (true) {
            SseClient.Event e = next(stream);
            if (tree(e.data()).get("sequence").asLong() > 2) {
                return e;
            }
        }
    }

    Run dispatchedRun() {
        String outputType = fx.outputType(null, null, null);
        Line line = fx.renderableLine(outputType);
        String workflow = fx.workflow(Graphs.still("graph"), true);
        String runId = given().queryParam("context_id", line.orderLineId())
                .post("/api/workflows/" + workflow + "/dispatch").then().statusCode(200)
                .extract().path("workflow_run.id");
        return new Run(runId, workflow, line);
    }

    RunStatusEvent event(Run run, long sequence, String scope, RunStatus status, RunStatus previous) {
        boolean node = RunStatusEvent.SCOPE_NODE.equals(scope);
        return new RunStatusEvent(UUID.randomUUID().toString(), run.id(), sequence, scope, node ? "render" : null,
                node ? "blender_still" : null, status, previous, ExecutionMode.GRAPH, run.workflowId(),
                run.line().orderLineId(), run.line().outputTypeId(), run.line().cadFileId(), null,
                Map.of("attempt", (int) sequence), Instant.now());
    }

    /** What another replica's transaction and outbox relay do: the run_events row, then the record on the topic. */
    long publish(RunStatusEvent event) {
        long id = log(event);
        com.hartomat.dispatch.support.Topics.produce(Topics.RUNS_STATUS, event.workflowRunId(), event);
        return id;
    }

    /** Only the run_events row (a record the feed has not seen). */
    long log(RunStatusEvent event) {
        if (StatusEvents.ends(event)) {
            fx.scalar("UPDATE workflow_runs SET status = ?, last_sequence = ?, completed_at = now() WHERE id = ?::uuid "
                    + "RETURNING id", event.status().wire(), event.sequence(), event.workflowRunId());
        }
        return ((Number) fx.scalar("INSERT INTO run_events (run_id, sequence, event_id, workflow_def_id, order_line_id, "
                + "output_type_id, payload) VALUES (?::uuid, ?, ?, ?, ?::uuid, ?, ?::jsonb) RETURNING id",
                event.workflowRunId(), event.sequence(), event.eventId(), event.workflowDefId(), event.orderLineId(),
                event.outputTypeId(), StatusEvents.json(event))).longValue();
    }

    static SseClient open(String path, Map<String, String> headers) {
        return SseClient.open(URI.create("http://localhost:" + RestAssured.port + path), headers);
    }

    static JsonNode tree(String json) {
        try {
            return Fixtures.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    static SseClient.Event next(SseClient stream) {
        SseClient.Event e = stream.next(WAIT);
        assertNotNull(e, "no event within " + WAIT);
        return e;
    }

    static void assertStatus(SseClient.Event e, long id, RunStatusEvent expected) {
        assertEquals("status", e.name());
        assertEquals(Long.toString(id), e.id());
        assertEquals(tree(StatusEvents.json(expected)), tree(e.data()));
    }

    void awaitDisconnected(int listeners) {
        await().atMost(WAIT).until(() -> feed.listeners() <= listeners);
    }

    @Test
    void runStreamSendsSnapshotReplayAndLiveEventsAndResumesWithoutGapOrDuplicateUntilTheRunEnds() {
        Run run = dispatchedRun();
        List<Map<String, Object>> logged = fx.rows("SELECT sequence, payload::text AS payload FROM run_events "
                + "WHERE run_id = ?::uuid ORDER BY sequence", run.id());
        assertEquals(List.of(1L, 2L), logged.stream().map(r -> ((Number) r.get("sequence")).longValue()).toList());
        List<ConsumerRecord<String, byte[]>> onTopic = com.hartomat.dispatch.support.Topics
                .read(Topics.RUNS_STATUS.topic(), run.id(), 2, WAIT);
        assertEquals(2, onTopic.size());
        int before = feed.listeners();

        List<RunStatusEvent> published = new ArrayList<>();
        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of())) {
            assertEquals(200, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("text/event-stream"), stream.header("Content-Type"));
            assertEquals("no-cache", stream.header("Cache-Control"));
            assertEquals("no", stream.header("X-Accel-Buffering"));
            SseClient.Event snapshot = next(stream);
            assertEquals("snapshot", snapshot.name());
            assertNull(snapshot.id());
            assertEquals(tree(given().get("/api/workflows/runs/" + run.id()).then().statusCode(200).extract().asString()),
                    tree(snapshot.data()));
            for (int i = 0; i < 2; i++) {
                SseClient.Event replayed = next(stream);
                assertEquals("status", replayed.name());
                assertEquals(Integer.toString(i + 1), replayed.id());
                assertEquals(tree(new String(onTopic.get(i).value(), StandardCharsets.UTF_8)), tree(replayed.data()),
                        "data is the event as on the topic");
                assertEquals(tree((String) logged.get(i).get("payload")), tree(replayed.data()));
            }
            RunStatusEvent running = event(run, 3, "node", RunStatus.RUNNING, RunStatus.QUEUED);
            publish(running);
            assertStatus(next(stream), 3, running);
        }
        awaitDisconnected(before);

        RunStatusEvent rendered = event(run, 4, "node", RunStatus.COMPLETED, RunStatus.RUNNING);
        RunStatusEvent progress = event(run, 5, "run", RunStatus.RUNNING, RunStatus.PENDING);
        publish(rendered);
        publish(progress);
        published.add(rendered);
        published.add(progress);

        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of("Last-Event-ID", "3"))) {
            assertEquals(200, stream.status());
            assertEquals("snapshot", next(stream).name());
            assertStatus(next(stream), 4, rendered);
            assertStatus(next(stream), 5, progress);
            RunStatusEvent saved = event(run, 6, "node", RunStatus.COMPLETED, RunStatus.PENDING);
            publish(saved);
            // the live copies of 4 and 5 reach this replica too: the next event must still be 6
            assertStatus(next(stream), 6, saved);
            RunStatusEvent completed = event(run, 7, "run", RunStatus.COMPLETED, RunStatus.RUNNING);
            publish(completed);
            assertStatus(next(stream), 7, completed);
            assertEquals(List.of(), stream.untilEnd(WAIT), "the stream ends after the run's terminal event");
        }
        awaitDisconnected(before);

        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of("Last-Event-ID", "7"))) {
            assertEquals(204, stream.status(), "an ended run with nothing missed: no content, EventSource stops");
        }
        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of())) {
            assertEquals("snapshot", next(stream).name());
            List<SseClient.Event> all = stream.untilEnd(WAIT);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), all.stream().map(SseClient.Event::id).toList());
        }
        awaitDisconnected(before);
    }

    @Test
    void aRunRetriedAfterItFailedStreamsItsWholeHistoryAndStaysOpenUntilItEndsAgain() {
        Run run = dispatchedRun();
        int before = feed.listeners();
        RunStatusEvent failed = event(run, 3, "run", RunStatus.FAILED, RunStatus.PENDING);
        publish(failed);
        // an operator retried it: the run is running again, and its log goes on past the old terminal event
        RunStatusEvent retried = event(run, 4, "run", RunStatus.RUNNING, RunStatus.FAILED);
        fx.scalar("UPDATE workflow_runs SET status = 'running', last_sequence = 4, completed_at = NULL "
                + "WHERE id = ?::uuid RETURNING id", run.id());
        publish(retried);
        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of())) {
            assertEquals(200, stream.status());
            assertEquals("snapshot", next(stream).name());
            assertEquals("1", next(stream).id());
            assertEquals("2", next(stream).id());
            assertStatus(next(stream), 3, failed);
            assertStatus(next(stream), 4, retried);
            // the old failure is history, not the run's end: the stream stays open for what the retry brings
            RunStatusEvent completed = event(run, 5, "run", RunStatus.COMPLETED, RunStatus.RUNNING);
            publish(completed);
            assertStatus(next(stream), 5, completed);
            assertEquals(List.of(), stream.untilEnd(WAIT), "the stream ends after the run's latest terminal event");
        }
        awaitDisconnected(before);
    }

    @Test
    void aLiveEventAfterAGapGetsTheMissingEventsFromTheLogFirst() {
        Run run = dispatchedRun();
        int before = feed.listeners();
        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of("Last-Event-ID", "2"))) {
            assertEquals("snapshot", next(stream).name());
            RunStatusEvent unseen = event(run, 3, "node", RunStatus.RUNNING, RunStatus.QUEUED);
            log(unseen);
            RunStatusEvent live = event(run, 4, "node", RunStatus.COMPLETED, RunStatus.RUNNING);
            publish(live);
            assertStatus(next(stream), 3, unseen);
            assertStatus(next(stream), 4, live);
        }
        awaitDisconnected(before);
    }

    @Test
    void anIdleStreamSendsHeartbeatComments() {
        Run run = dispatchedRun();
        int before = feed.listeners();
        try (SseClient stream = open("/api/workflows/runs/" + run.id() + "/events", Map.of("Last-Event-ID", "2"))) {
            assertEquals("snapshot", next(stream).name());
            SseClient.Event beat = stream.nextOrComment(Duration.ofSeconds(5));
            assertNotNull(beat, "a heartbeat within 5 s (hartomat.sse.heartbeat is 1 s in tests)");
            assertEquals("heartbeat", beat.comment());
        }
        awaitDisconnected(before);
    }

    @Test
    void multiRunStreamFollowsMatchingRunsWithLogIdsAndResumesFromALogId() {
        Run a = dispatchedRun();
        Run b = dispatchedRun();
        int before = feed.listeners();
        long lastA;
        try (SseClient stream = open("/api/workflows/runs/events?order_line_id=" + a.line().orderLineId(), Map.of())) {
            assertEquals(200, stream.status());
            RunStatusEvent a3 = event(a, 3, "node", RunStatus.RUNNING, RunStatus.QUEUED);
            long a3Id = publish(a3);
            assertStatus(nextAfterDispatch(stream), a3Id, a3);
            publish(event(b, 3, "node", RunStatus.RUNNING, RunStatus.QUEUED));
            RunStatusEvent a4 = event(a, 4, "node", RunStatus.COMPLETED, RunStatus.RUNNING);
            lastA = publish(a4);
            assertStatus(next(stream), lastA, a4);
        }
        awaitDisconnected(before);

        RunStatusEvent a5 = event(a, 5, "run", RunStatus.RUNNING, RunStatus.PENDING);
        long a5Id = publish(a5);
        publish(event(b, 4, "node", RunStatus.COMPLETED, RunStatus.RUNNING));
        try (SseClient stream = open("/api/workflows/runs/events?output_type_id=" + a.line().outputTypeId(),
                Map.of("Last-Event-ID", Long.toString(lastA)))) {
            assertStatus(next(stream), a5Id, a5);
            RunStatusEvent a6 = event(a, 6, "run", RunStatus.COMPLETED, RunStatus.RUNNING);
            long a6Id = publish(a6);
            assertStatus(next(stream), a6Id, a6);
        }
        awaitDisconnected(before);

        try (SseClient stream = open("/api/workflows/runs/events?workflow_id=" + b.workflowId(),
                Map.of("Last-Event-ID", Long.toString(a5Id)))) {
            SseClient.Event b4 = next(stream);
            assertEquals(b.id(), tree(b4.data()).get("workflow_run_id").asText());
            assertEquals(4, tree(b4.data()).get("sequence").asLong());
            assertTrue(Long.parseLong(b4.id()) > a5Id);
        }
    }

    @Test
    void refusalsComeBeforeTheStreamWithStatusAndCode() {
        given().get("/api/workflows/runs/" + UUID.randomUUID() + "/events").then().statusCode(404)
                .body("code", equalTo("workflow_run_not_found"));
        given().get("/api/workflows/runs/nope/events").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/id"));
        Run run = dispatchedRun();
        given().header("Last-Event-ID", "soon").get("/api/workflows/runs/" + run.id() + "/events").then()
                .statusCode(400).body("code", equalTo("invalid_last_event_id"))
                .body("path", equalTo("/headers/Last-Event-ID"));
        given().header("Last-Event-ID", "-1").get("/api/workflows/runs/events").then()
                .statusCode(400).body("code", equalTo("invalid_last_event_id"));
        given().queryParam("order_line_id", "x").get("/api/workflows/runs/events").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/order_line_id"));
    }

    @Test
    void readinessIncludesTheLiveFeedAndOpenStreamsAreAMetric() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("run status live feed"));
        assertTrue(given().get("/q/metrics").then().statusCode(200).extract().asString()
                .contains("run_status_streams_open"));
    }
}
