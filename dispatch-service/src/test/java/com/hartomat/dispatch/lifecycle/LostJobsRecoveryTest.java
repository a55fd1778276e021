package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeats, lost jobs and retry policies against the real PostgreSQL and Kafka. The sweeps are called with an
 * explicit {@code now} (the periodic sweep is off in tests), computed from the times the rows hold: nothing here
 * depends on how fast the machine is.
 */
@QuarkusTest
class LostJobsRecoveryTest {

    @Inject
    AgroalDataSource db;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    RecoverySweep sweep;

    Fixtures fx;
    LifecycleFixtures events;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        fx = new Fixtures(db);
        events = new LifecycleFixtures(fx);
    }

    void apply(RenderEvent e) {
        lifecycle.apply(e).await().indefinitely();
    }

    RecoverySweep.Result sweepAt(Instant now) {
        return sweep.sweep(now).await().atMost(Duration.ofSeconds(60));
    }

    Line graphLine(JsonNode config) {
        String wf = fx.workflow(config, true);
        return fx.renderableLine(fx.outputType(wf, "still_image", null));
    }

    static JsonNode withRetryPolicy(JsonNode config, Map<String, Object> policy) {
        ObjectNode copy = config.deepCopy();
        for (JsonNode node : copy.get("nodes")) {
            if ("render".equals(node.get("id").asText())) {
                ((ObjectNode) node.get("params")).set("retry_policy", Fixtures.json(policy));
            }
        }
        return copy;
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
    }

    static JsonNode json(String text) {
        try {
            return Fixtures.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant jobTime(String jobId, String column) {
        return instant(fx.scalar("SELECT " + column + " FROM render_jobs WHERE job_id = ?", jobId));
    }

    Map<String, Object> node(String runId, String name) {
        return fx.rows("SELECT status, attempt, job_id, error_code, error_message, output::text AS output "
                + "FROM workflow_node_results WHERE run_id = ?::uuid AND node_name = ?", runId, name).get(0);
    }

    String jobStatus(String jobId) {
        return (String) fx.scalar("SELECT status FROM render_jobs WHERE job_id = ?", jobId);
    }

    boolean held(String jobId) {
        return fx.scalar("SELECT held_payload FROM render_jobs WHERE job_id = ?", jobId) != null;
    }

    long count(String sql, Object... args) {
        return ((Number) fx.scalar(sql, args)).longValue();
    }

    /** The moment a job that last showed life at {@code lastSign} is one second past its still timeout. */
    Instant pastTimeout(Instant lastSign) {
        return lastSign.plus(lifecycle.lostJobs().timeout("still")).plusSeconds(1);
    }

    @Test
    void aHeartbeatOnTheTopicUpdatesTheJobWithoutAStatusEvent() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        Instant before = jobTime(job, "last_heartbeat_at");
        assertNotNull(before, "started counts as a sign of life");
        long statusEvents = count("SELECT count(*) FROM run_events WHERE run_id = ?::uuid", runId);
        Object nodeUpdatedAt = fx.scalar("SELECT updated_at FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId);

        RenderEvent heartbeat = events.event(job, RenderEventType.HEARTBEAT, 1, List.of(), null, null, null);
        com.hartomat.dispatch.support.Topics.produce(Topics.RENDER_EVENTS, job, heartbeat);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobTime(job, "last_heartbeat_at").isAfter(before));
        assertEquals(statusEvents, count("SELECT count(*) FROM run_events WHERE run_id = ?::uuid", runId),
                "no status event for a heartbeat");
        assertEquals(nodeUpdatedAt, fx.scalar("SELECT updated_at FROM workflow_node_results WHERE run_id = ?::uuid "
                + "AND node_name = 'render'", runId), "the node row is not rewritten");
        assertEquals(statusEvents, com.hartomat.dispatch.support.Topics.settled(Topics.RUNS_STATUS, runId).size(),
                "runs.status.v1 carries only the events before the heartbeat");
        assertEquals("running", jobStatus(job));
    }

    @Test
    void aSilentRunningNodeIsRequeuedOnceByConcurrentSweepsWithTheDefinitionsBackOffUntilItFailsAsLost() {
        Line line = graphLine(Graphs.still("graph", 64, 64, true, false));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String first = events.jobOf(runId, "render");
        apply(events.started(first));
        Instant lastSign = jobTime(first, "last_heartbeat_at");

        sweepAt(lastSign.plus(lifecycle.lostJobs().timeout("still")).minusSeconds(1));
        assertEquals("running", jobStatus(first), "within its timeout a silent job is not lost");

        Instant t1 = pastTimeout(lastSign);
        Uni.combine().all().unis(sweep.sweep(t1), sweep.sweep(t1)).asTuple().await().atMost(Duration.ofSeconds(60));

        String second = events.jobOf(runId, "render");
        assertNotEquals(first, second, "queued again under a new job id");
        assertEquals(2, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId),
                "two concurrent sweeps re-queue the node once");
        assertEquals("failed", jobStatus(first));
        assertEquals("lost", fx.scalar("SELECT failure->>'code' FROM render_jobs WHERE job_id = ?", first));
        Map<String, Object> render = node(runId, "render");
        assertEquals("queued", render.get("status"));
        assertEquals(2, ((Number) render.get("attempt")).intValue());
        JsonNode output = json((String) render.get("output"));
        assertEquals(first, output.path("previous_job_id").asText());
        assertEquals("lost", output.path("previous_error_code").asText());
        // the definition's policy (blender_still: exponential from 10 s): attempt 2 waits 10 s
        assertEquals(t1.plusSeconds(10), jobTime(second, "not_before"));
        assertTrue(held(second));

        // a late completion of the lost job changes nothing: the node waits for its new job
        apply(events.completed(first, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("failed", jobStatus(first));
        assertEquals(second, node(runId, "render").get("job_id"));
        assertEquals("queued", node(runId, "render").get("status"));
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE order_line_id = ?::uuid", line.orderLineId()));

        sweepAt(t1.plusSeconds(9));
        assertTrue(held(second), "not released before its back-off passed");
        sweepAt(t1.plusSeconds(10));
        assertTrue(!held(second), "released once due");
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2);
        assertEquals(List.of(first, second), jobs.stream().map(RenderJob::jobId).toList());

        apply(events.started(second));
        Instant t2 = pastTimeout(jobTime(second, "last_heartbeat_at"));
        sweepAt(t2);
        String third = events.jobOf(runId, "render");
        assertNotEquals(second, third);
        assertEquals(t2.plusSeconds(20), jobTime(third, "not_before"), "exponential: attempt 3 waits 20 s");
        sweepAt(t2.plusSeconds(20));
        apply(events.started(third));
        Instant t3 = pastTimeout(jobTime(third, "last_heartbeat_at"));
        sweepAt(t3);

        render = node(runId, "render");
        assertEquals("failed", render.get("status"), "three attempts used: lost for good");
        assertEquals("lost", render.get("error_code"));
        assertEquals(third, render.get("job_id"));
        assertEquals("skipped", node(runId, "output").get("status"));
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", runId));
        assertEquals(3, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId));
    }

    @Test
    void aParamsOverrideOfOneAttemptFailsTheLostNodeAndTheRunAtOnce() {
        Line line = graphLine(withRetryPolicy(Graphs.still("graph", 64, 64, true, false), Map.of("max_attempts", 1)));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));

        RecoverySweep.Result result = sweepAt(pastTimeout(jobTime(job, "last_heartbeat_at")));
        assertTrue(result.recovered() >= 1);

        Map<String, Object> render = node(runId, "render");
        assertEquals("failed", render.get("status"));
        assertEquals("lost", render.get("error_code"));
        assertTrue(((String) render.get("error_message")).contains("no heartbeat"), (String) render.get("error_message"));
        assertEquals("skipped", node(runId, "output").get("status"));
        assertEquals(1, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = given().get("/api/workflows/runs/" + runId).then().statusCode(200).extract()
                .as(Map.class);
        assertEquals("failed", run.get("status"));
        assertNotNull(run.get("fallback_job_id"), "a graph run that failed for good falls back to legacy as always");
        int sequences = (int) count("SELECT count(*) FROM run_events WHERE run_id = ?::uuid", runId);
        List<RunStatusEvent> statuses = com.hartomat.dispatch.support.Topics.decoded(Topics.RUNS_STATUS, runId,
                sequences);
        assertTrue(statuses.stream().anyMatch(e -> "node".equals(e.scope()) && "render".equals(e.nodeId())
                && "failed".equals(e.status().wire()) && "lost".equals(e.output().get("error_code"))));
        assertTrue(statuses.stream().anyMatch(e -> "run".equals(e.scope()) && "failed".equals(e.status().wire())));

        apply(events.completed(job, List.of(LifecycleFixtures.still(line.orderLineId(), "")), Map.of()));
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", runId),
                "a late completion of the lost job changes nothing");
        assertEquals(0, count("SELECT count(*) FROM media_assets WHERE run_id = ?::uuid", runId));
    }

    @Test
    void aRetryableFailureWaitsOutTheParamsBackOffBeforeItsJobIsReleased() {
        Line line = graphLine(withRetryPolicy(Graphs.still("graph", 64, 64, true, false),
                Map.of("backoff", "fixed", "delay_s", 600)));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String first = events.jobOf(runId, "render");
        apply(events.started(first));
        apply(events.failed(first, FailureCode.BLENDER_UNAVAILABLE, true));

        String second = events.jobOf(runId, "render");
        assertNotEquals(first, second);
        assertEquals("queued", node(runId, "render").get("status"));
        Instant notBefore = jobTime(second, "not_before");
        assertNotNull(notBefore);
        assertTrue(held(second));
        Instant failedAt = jobTime(first, "finished_at");
        assertTrue(Duration.between(failedAt, notBefore).toSeconds() >= 599, "fixed back-off of 600 s from the params");

        sweepAt(notBefore.minusSeconds(1));
        assertTrue(held(second));
        assertEquals(List.of(first), com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId())
                .stream().map(RenderJob::jobId).toList(), "only the first job was sent");

        sweepAt(notBefore);
        assertTrue(!held(second));
        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2);
        assertEquals(List.of(first, second), jobs.stream().map(RenderJob::jobId).toList());
        sweepAt(notBefore.plusSeconds(1));
        assertEquals(2, com.hartomat.dispatch.support.Topics.settled(Topics.RENDER_JOBS, line.orderLineId()).size(),
                "released once");
    }

    @Test
    void aNonRetryableFailureIsNotRetriedWhateverTheAttemptsLeft() {
        Line line = graphLine(withRetryPolicy(Graphs.still("graph", 64, 64, true, false), Map.of("max_attempts", 5)));
        String runId = (String) LifecycleFixtures.dispatch(line.orderLineId()).get("workflow_run_id");
        String job = events.jobOf(runId, "render");
        apply(events.started(job));
        apply(events.failed(job, FailureCode.RENDER_FAILED, false));
        assertEquals("failed", node(runId, "render").get("status"));
        assertEquals(1, count("SELECT count(*) FROM render_jobs WHERE run_id = ?::uuid AND node_id = 'render'", runId));
    }

    @Test
    void anInvalidRetryPolicyInTheParamsIsRefusedWith422AndItsPath() {
        Line line = fx.renderableLine(fx.outputType(null, null, null));
        Map<String, Object> body = new HashMap<>();
        body.put("context_id", line.orderLineId());
        body.put("config", withRetryPolicy(Graphs.still("graph", 64, 64, false, false),
                Map.of("max_attempts", 0, "backoff", "fixed")));
        given().contentType(ContentType.JSON).body(body).post("/api/workflows/dispatch").then().statusCode(422)
                .body("code", equalTo("invalid_params"))
                .body("path", equalTo("/config/nodes/4/params/retry_policy/max_attempts"));
        assertEquals(0, count("SELECT count(*) FROM workflow_runs WHERE order_line_id = ?::uuid", line.orderLineId()),
                "nothing persisted");
    }
}
