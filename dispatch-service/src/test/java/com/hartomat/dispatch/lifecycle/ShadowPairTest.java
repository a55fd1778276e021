package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.dispatch.runs.JobRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShadowPairTest {

    static final String SHA = "a".repeat(64);

    static JobRow legacy(String status, List<Object> artifacts, Map<String, Object> failure) {
        return new JobRow("job-1", "legacy_render", JobRecord.JobRole.LEGACY, null, null, UUID.randomUUID(), null,
                UUID.randomUUID(), status, 1, "w", artifacts, failure);
    }

    static RunRow observer(RunStatus status) {
        return new RunRow(UUID.randomUUID(), "wf", UUID.randomUUID(), null, "ot", ExecutionMode.SHADOW, null, "job-1",
                Instant.now(), status, 3, null, null, status == RunStatus.FAILED ? "node 'render' failed: boom" : null,
                null, null, null, 0);
    }

    static NodeRow render(RunStatus status, String path) {
        NodeRow n = new NodeRow("render", "blender_still", status, Map.of());
        n.artifacts = new ArrayList<>(List.of(Map.of("role", "still", "path", path, "media_type", "image/png",
                "sha256", SHA, "size_bytes", 5, "width", 64, "height", 64)));
        return n;
    }

    static List<Object> still(String path) {
        return List.of(Map.of("role", "still", "path", path, "media_type", "image/png", "sha256", SHA, "size_bytes", 5));
    }

    @Test
    void noRequestUntilBothSidesHaveEnded() {
        assertTrue(ShadowPair.request(legacy("running", List.of(), null), observer(RunStatus.COMPLETED),
                List.of(render(RunStatus.COMPLETED, "o.png")), Instant.now()).isEmpty());
        assertTrue(ShadowPair.request(legacy("completed", still("l.png"), null), observer(RunStatus.RUNNING),
                List.of(render(RunStatus.RUNNING, "o.png")), Instant.now()).isEmpty());
    }

    @Test
    void bothOutputsGoOutOnceAndTheRunRemembersIt() {
        RunRow run = observer(RunStatus.COMPLETED);
        var row = ShadowPair.request(legacy("completed", still("l.png"), null), run,
                List.of(render(RunStatus.COMPLETED, "o_shadow.png")), Instant.now()).orElseThrow();
        ComparisonRequest request = Topics.COMPARISON_REQUESTS.decode(row.payload().getBytes());
        assertEquals("l.png", request.authoritative().path());
        assertEquals("o_shadow.png", request.observer().path());
        assertEquals("still_image", request.artifactKind());
        assertNotNull(run.comparisonRequestedAt);
        assertEquals(1, request.attempt(), "the run's first comparison");
        assertEquals(1, run.comparisonAttempts);
        assertTrue(ShadowPair.request(legacy("completed", still("l.png"), null), run,
                List.of(render(RunStatus.COMPLETED, "o_shadow.png")), Instant.now()).isEmpty());
    }

    @Test
    void aRunEndingAgainAfterARetrySendsTheNextAttemptUnderANewRequestId() {
        RunRow run = observer(RunStatus.COMPLETED);
        JobRow legacy = legacy("completed", still("l.png"), null);
        ComparisonRequest first = Topics.COMPARISON_REQUESTS.decode(ShadowPair.request(legacy, run,
                List.of(render(RunStatus.COMPLETED, "o1.png")), Instant.now()).orElseThrow().payload().getBytes());
        // what RunControl's reopen does on retry / resume: the run will request again when it ends
        run.comparisonRequestedAt = null;
        ComparisonRequest second = Topics.COMPARISON_REQUESTS.decode(ShadowPair.request(legacy, run,
                List.of(render(RunStatus.COMPLETED, "o2.png")), Instant.now()).orElseThrow().payload().getBytes());
        assertEquals(1, first.attempt());
        assertEquals(2, second.attempt());
        assertEquals(2, run.comparisonAttempts);
        assertTrue(!first.requestId().equals(second.requestId()), "a new attempt is a new request");
        assertEquals("o2.png", second.observer().path(), "the new attempt carries the observer's new output");
    }

    @Test
    void aCancelledObserverRunIsNotComparedSoItCannotCountAgainstTheRollout() {
        RunRow run = observer(RunStatus.CANCELLED);
        assertTrue(ShadowPair.request(legacy("completed", still("l.png"), null), run,
                List.of(render(RunStatus.CANCELLED, "o.png")), Instant.now()).isEmpty());
        assertNull(run.comparisonRequestedAt);
    }

    @Test
    void aFailedSideIsSentWithItsFailureInsteadOfAnOutput() {
        var row = ShadowPair.request(legacy("completed", still("l.png"), null), observer(RunStatus.FAILED),
                List.of(render(RunStatus.FAILED, "o.png")), Instant.now()).orElseThrow();
        ComparisonRequest request = Topics.COMPARISON_REQUESTS.decode(row.payload().getBytes());
        assertNull(request.observer());
        assertEquals("observer_failed", request.observerFailure().code());
        assertTrue(request.observerFailure().message().contains("boom"));

        var legacyFailed = ShadowPair.request(legacy("failed", List.of(), Map.of("code", "import_failed",
                "message", "not a STEP file")), observer(RunStatus.COMPLETED),
                List.of(render(RunStatus.COMPLETED, "o.png")), Instant.now()).orElseThrow();
        ComparisonRequest r2 = Topics.COMPARISON_REQUESTS.decode(legacyFailed.payload().getBytes());
        assertNull(r2.authoritative());
        assertEquals("import_failed", r2.authoritativeFailure().code());
    }
}
