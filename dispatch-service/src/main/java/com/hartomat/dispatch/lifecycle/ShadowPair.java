package com.hartomat.dispatch.lifecycle;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A shadow dispatch's pair: the authoritative legacy job and the observer run. Once both have ended (either may have
 * failed), one {@code comparison.requests.v1} message carries both outputs or the failure. An observer run that an
 * operator retried or resumed after its request was sent ends again and sends the next attempt's request (attempt
 * n + 1, a new request id), which comparison-service compares anew; a redelivery repeats the attempt it carries.
 */
final class ShadowPair {

    private ShadowPair() {
    }

    /**
     * The request when both sides have ended and none was sent yet; marks the run so it is sent once. An observer run
     * an operator cancelled is not compared: it says nothing about the graph's output, and a verdict {@code fail} for
     * it would count against the output type's rollout readiness.
     */
    static Optional<OutboxRow> request(JobRow authoritative, RunRow observerRun, List<NodeRow> observerNodes,
            Instant now) {
        if (authoritative == null || !authoritative.terminal() || !observerRun.terminal()
                || observerRun.status == RunStatus.CANCELLED
                || observerRun.comparisonRequestedAt != null || observerRun.orderLineId == null) {
            return Optional.empty();
        }
        List<Object> observerArtifacts = new ArrayList<>();
        for (NodeRow n : observerNodes) {
            if (n.status == RunStatus.COMPLETED) {
                observerArtifacts.addAll(n.artifacts);
            }
        }
        Map<String, Object> authoritativePrimary = Publications.primary(authoritative.artifacts).orElse(null);
        Map<String, Object> observerPrimary = Publications.primary(observerArtifacts).orElse(null);
        ComparisonRequest.SideFailure authoritativeFailure = "failed".equals(authoritative.status)
                ? new ComparisonRequest.SideFailure(code(authoritative.failure), message(authoritative.failure)) : null;
        ComparisonRequest.SideFailure observerFailure = observerRun.status == RunStatus.COMPLETED ? null
                : new ComparisonRequest.SideFailure("observer_" + observerRun.status.wire(),
                        observerRun.errorMessage == null ? "the observer run " + observerRun.status.wire()
                                : observerRun.errorMessage);
        String kind = Publications.artifactKind(authoritativePrimary != null ? authoritativePrimary : observerPrimary);
        int attempt = observerRun.comparisonAttempts + 1;
        ComparisonRequest request = ComparisonRequest.shadow(UUID.randomUUID().toString(), observerRun.id.toString(),
                attempt, observerRun.orderLineId.toString(), observerRun.outputTypeId, observerRun.workflowDefId, kind,
                artifact(authoritativePrimary), artifact(observerPrimary), artifacts(Publications.frames(authoritative.artifacts)),
                artifacts(Publications.frames(observerArtifacts)), authoritativeFailure, observerFailure, now);
        observerRun.comparisonRequestedAt = now;
        observerRun.comparisonAttempts = attempt;
        observerRun.changed = true;
        return Optional.of(OutboxRow.of(Topics.COMPARISON_REQUESTS, observerRun.id.toString(), request));
    }

    static Artifact artifact(Map<String, Object> m) {
        return m == null ? null : JsonValues.MAPPER.convertValue(m, Artifact.class);
    }

    static List<Artifact> artifacts(List<Map<String, Object>> list) {
        return list.stream().map(ShadowPair::artifact).toList();
    }

    private static String code(Map<String, Object> failure) {
        String code = failure == null ? null : JsonValues.text(failure, "code");
        return code == null ? "failed" : code;
    }

    private static String message(Map<String, Object> failure) {
        String message = failure == null ? null : JsonValues.text(failure, "message");
        return message == null ? "the authoritative legacy job failed" : message;
    }
}
