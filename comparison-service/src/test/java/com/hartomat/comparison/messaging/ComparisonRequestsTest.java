package com.hartomat.comparison.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.comparison.support.Requests;
import com.hartomat.comparison.support.TestImages;
import com.hartomat.comparison.support.TopicTap;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.deadletter.DeadLetterHeaders;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.Verdict;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Requests in on the real {@code comparison.requests.v1}, rows in this service's schema, verdicts out on the real
 * {@code comparison.verdicts.v1} (through the outbox), malformed records on the dead-letter topic.
 */
@QuarkusTest
class ComparisonRequestsTest {

    static final String REQUESTS = Topics.COMPARISON_REQUESTS.topic();
    static final String VERDICTS = Topics.COMPARISON_VERDICTS.topic();

    @Inject
    AgroalDataSource db;

    @Test
    void aRequestOnTheTopicBecomesAStoredComparisonAndAVerdictOnTheVerdictTopic() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("renders/" + run + "/line.png"), TestImages.rgba(16, 16, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve("renders/" + run + "/line_shadow-" + run.substring(0, 8) + ".png"),
                TestImages.rgba(16, 16, 0, 129, 255, 255));
        ComparisonRequest request = Requests.still(run, "ot-warn", "renders/" + run + "/line.png",
                "renders/" + run + "/line_shadow-" + run.substring(0, 8) + ".png");
        send(request);

        ComparisonVerdict verdict = verdicts(run, 1).get(0);
        assertEquals(Verdict.WARN, verdict.verdict());
        assertEquals("hold_legacy_authoritative", verdict.status());
        assertEquals("mismatched", verdict.comparisonStatus());
        assertEquals(1.0 / (4 * 255), verdict.metrics().meanPixelDelta(), 1e-12);
        assertEquals(request.orderLineId(), verdict.orderLineId());
        assertEquals("ot-warn", verdict.outputTypeId());
        assertTrue(verdict.reasons().get(0).contains("warn threshold"), verdict.reasons().toString());

        assertEquals("mismatched", scalar("SELECT status FROM comparisons WHERE workflow_run_id = ?", run));
        assertEquals("warn", scalar("SELECT verdict FROM verdicts WHERE workflow_run_id = ?", run));
        assertEquals(verdict.comparisonId(), scalar("SELECT id::text FROM comparisons WHERE workflow_run_id = ?", run));
        String diff = scalar("SELECT diff_image_path FROM comparisons WHERE workflow_run_id = ?", run);
        assertTrue(Files.isRegularFile(Requests.root().resolve(diff)), "diff image stored: " + diff);
    }

    @Test
    void anOutputTypesOwnThresholdsFromConfigurationDecideItsVerdict() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("lenient/" + run + "/a.png"), TestImages.rgba(16, 16, 0, 128, 255, 255));
        TestImages.png(Requests.root().resolve("lenient/" + run + "/b.png"), TestImages.rgba(16, 16, 0, 129, 255, 255));
        send(Requests.still(run, "ot-lenient", "lenient/" + run + "/a.png", "lenient/" + run + "/b.png"));
        ComparisonVerdict verdict = verdicts(run, 1).get(0);
        assertEquals(Verdict.PASS, verdict.verdict(), "one level off in one channel warns by default, passes at 0.001");
        assertEquals("Mean pixel delta 0.000980392 is within the pass threshold 0.001.", verdict.reasons().get(0));
        assertEquals("0.001", scalar("SELECT pass_threshold::text FROM verdicts WHERE workflow_run_id = ?", run));
    }

    @Test
    void aRedeliveredRequestLeavesOneComparisonAndOneVerdict() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("renders/" + run + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.png(Requests.root().resolve("renders/" + run + "/b.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        ComparisonRequest request = Requests.still(run, "ot-pass", "renders/" + run + "/a.png", "renders/" + run + "/b.png");
        send(request);
        send(request);
        ComparisonRequest again = new ComparisonRequest(Requests.id(), run, request.orderLineId(), request.outputTypeId(),
                request.workflowDefId(), request.artifactKind(), request.authoritative(), request.observer(), List.of(),
                List.of(), null, null, request.requestedAt());
        send(again);
        String marker = samePartition(run);
        TestImages.png(Requests.root().resolve("renders/" + marker + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        send(Requests.still(marker, "ot-pass", "renders/" + marker + "/a.png", "renders/" + marker + "/a.png"));
        // the same partition's later record handled means the three copies before it were too
        verdicts(marker, 1);

        assertEquals("1", scalar("SELECT count(*)::text FROM comparisons WHERE workflow_run_id = ?", run));
        assertEquals("1", scalar("SELECT count(*)::text FROM verdicts WHERE workflow_run_id = ?", run));
        List<ComparisonVerdict> verdicts = verdicts(run, 2, Duration.ofSeconds(3));
        assertEquals(1, verdicts.size(), "one verdict on the topic");
        assertEquals(Verdict.PASS, verdicts.get(0).verdict());
        assertEquals(List.of(), TopicTap.read(REQUESTS + ".dlq", run, found -> false, Duration.ofSeconds(2)),
                "a redelivery is no failure: nothing dead-lettered");
    }

    @Test
    void aRetriedRunsNextAttemptIsComparedAgainWhileRedeliveriesOfEitherAttemptAreNot() throws Exception {
        String run = Requests.id();
        String dir = "retried/" + run + "/";
        TestImages.png(Requests.root().resolve(dir + "legacy.png"), TestImages.rgba(8, 8, 10, 10, 10, 255));
        TestImages.png(Requests.root().resolve(dir + "shadow-1.png"), TestImages.rgba(8, 8, 200, 10, 10, 255));
        TestImages.png(Requests.root().resolve(dir + "shadow-2.png"), TestImages.rgba(8, 8, 10, 10, 10, 255));
        ComparisonRequest first = attempt(run, 1, dir + "legacy.png", dir + "shadow-1.png");
        send(first);
        ComparisonVerdict firstVerdict = verdicts(run, 1).get(0);
        assertEquals(Verdict.FAIL, firstVerdict.verdict(), firstVerdict.reasons().toString());
        assertEquals(1, firstVerdict.attempt());

        // the operator retried the shadow run: dispatch sends attempt 2 under a new request id
        ComparisonRequest second = attempt(run, 2, dir + "legacy.png", dir + "shadow-2.png");
        send(second);
        send(first); // a late redelivery of attempt 1
        send(second); // a redelivery of attempt 2
        String marker = samePartition(run);
        TestImages.png(Requests.root().resolve("renders/" + marker + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        send(Requests.still(marker, "ot-pass", "renders/" + marker + "/a.png", "renders/" + marker + "/a.png"));
        verdicts(marker, 1); // the same partition's later record handled: every copy before it was too

        assertEquals("2", scalar("SELECT count(*)::text FROM comparisons WHERE workflow_run_id = ?", run),
                "one comparison per attempt");
        assertEquals("2", scalar("SELECT count(*)::text FROM verdicts WHERE workflow_run_id = ?", run));
        assertEquals(second.requestId(), scalar("SELECT request_id FROM comparisons WHERE workflow_run_id = ? "
                + "AND attempt = 2", run));
        List<ComparisonVerdict> onTopic = verdicts(run, 3, Duration.ofSeconds(3));
        assertEquals(2, onTopic.size(), "one verdict per attempt on the topic: " + onTopic);
        assertEquals(2, onTopic.get(1).attempt());
        assertEquals(Verdict.PASS, onTopic.get(1).verdict(), "the retried observer matches legacy now");

        io.restassured.response.ValidatableResponse latest = com.hartomat.deploy.local.auth.AuthenticatedRequests.given()
                .get("/api/workflows/runs/{id}/comparison", run).then().statusCode(200);
        latest.body("attempt", org.hamcrest.Matchers.equalTo(2))
                .body("verdict.verdict", org.hamcrest.Matchers.equalTo("pass"))
                .body("observer_output.path", org.hamcrest.Matchers.equalTo(dir + "shadow-2.png"));
    }

    static ComparisonRequest attempt(String run, int attempt, String authoritative, String observer) {
        ComparisonRequest still = Requests.still(run, "ot-retried", authoritative, observer);
        return ComparisonRequest.shadow(Requests.id(), run, attempt, still.orderLineId(), still.outputTypeId(),
                still.workflowDefId(), still.artifactKind(), still.authoritative(), still.observer(), List.of(), List.of(),
                null, null, Instant.now());
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = Requests.id();
        byte[] value = ("{\"request_id\":\"r\",\"workflow_run_id\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
        TopicTap.send(REQUESTS, key, value);
        List<ConsumerRecord<String, byte[]>> dead = TopicTap.read(REQUESTS + ".dlq", key, found -> !found.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals(new String(value, StandardCharsets.UTF_8), new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(DeadLetterHeaders.STAGE_CONSUME, TopicTap.header(dead.get(0), DeadLetterHeaders.STAGE));
        String reason = TopicTap.header(dead.get(0), DeadLetterHeaders.REASON);
        assertTrue(reason.contains("required property"), reason);
        assertEquals(REQUESTS, TopicTap.header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC));
        assertNull(scalar("SELECT status FROM comparisons WHERE workflow_run_id = ?", key));

        String notJson = Requests.id();
        TopicTap.send(REQUESTS, notJson, "not json".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> deadToo = TopicTap.read(REQUESTS + ".dlq", notJson, found -> !found.isEmpty(),
                Duration.ofSeconds(30));
        assertTrue(TopicTap.header(deadToo.get(0), DeadLetterHeaders.REASON).startsWith("malformed JSON"));
    }

    @Test
    void badInputIsAFailedComparisonWithAFailVerdictNotADeadLetter() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("renders/" + run + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.bomb(Requests.root().resolve("renders/" + run + "/bomb.png"), 100_000, 100_000);
        send(Requests.still(run, "ot-bad", "renders/" + run + "/a.png", "renders/" + run + "/bomb.png"));
        ComparisonVerdict verdict = verdicts(run, 1).get(0);
        assertEquals(Verdict.FAIL, verdict.verdict());
        assertEquals("failed", verdict.comparisonStatus());
        assertTrue(verdict.summary().contains("decompression bomb"), verdict.summary());
        assertNotNull(scalar("SELECT failure_reason FROM comparisons WHERE workflow_run_id = ?", run));
    }

    @Test
    void aTurntableIsComparedFrameByFrame() throws Exception {
        String run = Requests.id();
        String dir = "turntable/" + run + "/";
        List<Artifact> a = new ArrayList<>();
        List<Artifact> b = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestImages.png(Requests.root().resolve(dir + "a_" + i + ".png"), TestImages.rgba(8, 8, 40, 40, 40, 255));
            TestImages.png(Requests.root().resolve(dir + "b_" + i + ".png"), TestImages.rgba(8, 8, 40, 40, i == 2 ? 80 : 40, 255));
            a.add(Requests.artifact(dir + "a_" + i + ".png"));
            b.add(Requests.artifact(dir + "b_" + i + ".png"));
        }
        Files.writeString(Requests.root().resolve(dir + "a.mp4"), "authoritative video");
        Files.writeString(Requests.root().resolve(dir + "b.mp4"), "observer video");
        ComparisonRequest request = new ComparisonRequest(Requests.id(), run, Requests.id(), "ot-turntable", "wf-t",
                "video", Requests.artifact(dir + "a.mp4"), Requests.artifact(dir + "b.mp4"), a, b, null, null,
                Instant.now());
        send(request);
        ComparisonVerdict verdict = verdicts(run, 1).get(0);
        double frame = 40.0 / (4 * 255);
        assertEquals(4, verdict.metrics().framesCompared());
        assertEquals(frame / 4, verdict.metrics().meanPixelDelta(), 1e-12);
        assertEquals(Verdict.WARN, verdict.verdict(), "one frame far off, the mean over four within warn: "
                + verdict.reasons());
        assertEquals("2", scalar("SELECT frames->>'worst_frame_index' FROM comparisons WHERE workflow_run_id = ?", run));
        assertEquals("4", scalar("SELECT jsonb_array_length(frames->'per_frame_deltas')::text FROM comparisons "
                + "WHERE workflow_run_id = ?", run));
        assertEquals("comparisons/" + run + "/diff-frame-2.png",
                scalar("SELECT diff_image_path FROM comparisons WHERE workflow_run_id = ?", run));
    }

    @Test
    void aMissingObserverIsJudgedWithTheSideFailure() throws Exception {
        String run = Requests.id();
        TestImages.png(Requests.root().resolve("renders/" + run + "/a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        send(Requests.still(run, "ot-missing", "renders/" + run + "/a.png", null));
        ComparisonVerdict verdict = verdicts(run, 1).get(0);
        assertEquals(Verdict.FAIL, verdict.verdict());
        assertEquals("missing_observer", verdict.comparisonStatus());
        assertEquals("Observer workflow output is missing: observer_failed: node 'render' failed", verdict.reasons().get(0));
    }

    /** A run id whose records land on the same partition as {@code run}'s (the producer's default partitioner). */
    static String samePartition(String run) {
        int partitions = 3;
        int target = partition(run, partitions);
        while (true) {
            String candidate = Requests.id();
            if (partition(candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(
                Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static void send(ComparisonRequest request) throws Exception {
        TopicTap.send(REQUESTS, request.workflowRunId(),
                Topics.COMPARISON_REQUESTS.encode(request));
    }

    static List<ComparisonVerdict> verdicts(String run, int atLeast) {
        List<ComparisonVerdict> found = verdicts(run, atLeast, Duration.ofSeconds(60));
        assertTrue(found.size() >= atLeast, "verdicts of run " + run + " on " + VERDICTS + ": " + found.size());
        return found;
    }

    static List<ComparisonVerdict> verdicts(String run, int atLeast, Duration timeout) {
        return TopicTap.read(VERDICTS, run, found -> found.size() >= atLeast, timeout).stream()
                .map(r -> Topics.COMPARISON_VERDICTS.decode(r.value())).toList();
    }

    String scalar(String sql, String arg) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
