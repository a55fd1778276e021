package com.hartomat.dispatch.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.dispatch.rollout.Readiness.Recommendation;
import com.hartomat.dispatch.rollout.ShadowVerdicts.VerdictView;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    static final Duration DAY = Duration.ofHours(24);
    static final OutcomeCounts QUIET = new OutcomeCounts(0, 0, 0, 0);

    static VerdictView verdict(String verdict) {
        return new VerdictView("run-1", verdict, "pass".equals(verdict) ? "ready_for_rollout" : "hold_legacy_authoritative",
                0.0, null, List.of("because"), OffsetDateTime.now(), 1);
    }

    static Readiness.Decision decide(RolloutMode mode, List<VerdictView> recent, long passes, OutcomeCounts counts) {
        return Readiness.decide(mode, recent, passes, 3, counts, 20, DAY);
    }

    @Test
    void withoutVerdictsShadowRunsFirst() {
        assertEquals(Recommendation.RUN_SHADOW, decide(RolloutMode.SHADOW, List.of(), 0, QUIET).recommendation());
        assertEquals(Recommendation.RUN_SHADOW, decide(RolloutMode.LEGACY_ONLY, List.of(), 0, QUIET).recommendation());
    }

    @Test
    void aFailedLatestVerdictKeepsLegacy() {
        Readiness.Decision d = decide(RolloutMode.SHADOW, List.of(verdict("fail"), verdict("pass")), 0, QUIET);
        assertEquals(Recommendation.KEEP_LEGACY, d.recommendation());
        assertTrue(d.reasons().get(0).startsWith("Latest shadow verdict: fail (run run-1): because"), d.reasons().get(0));
    }

    @Test
    void passesBelowTheRequiredCountKeepShadow() {
        Readiness.Decision d = decide(RolloutMode.SHADOW, List.of(verdict("pass"), verdict("pass")), 2, QUIET);
        assertEquals(Recommendation.KEEP_SHADOW, d.recommendation());
        assertTrue(d.reasons().contains("2 of 3 consecutive passing verdicts needed to switch to graph."), d.reasons().toString());
        assertEquals(Recommendation.KEEP_SHADOW, decide(RolloutMode.SHADOW, List.of(verdict("warn")), 0, QUIET)
                .recommendation());
    }

    @Test
    void enoughConsecutivePassesRecommendGraph() {
        Readiness.Decision d = decide(RolloutMode.SHADOW, List.of(verdict("pass")), 3, new OutcomeCounts(0, 0, 10, 1));
        assertEquals(Recommendation.SWITCH_TO_GRAPH, d.recommendation());
        assertTrue(d.reasons().contains("Over the last PT24H graph runs failed 0 of 0, legacy renders 1 of 10 (10.0%)."),
                d.reasons().toString());
    }

    @Test
    void passesDoNotOutweighAGraphThatFailsMoreThanLegacy() {
        assertEquals(Recommendation.KEEP_SHADOW, decide(RolloutMode.SHADOW, List.of(verdict("pass")), 5,
                new OutcomeCounts(20, 5, 20, 0)).recommendation());
    }

    @Test
    void inGraphTheErrorRatesDecide() {
        assertEquals(Recommendation.KEEP_GRAPH, decide(RolloutMode.GRAPH, List.of(), 0, new OutcomeCounts(20, 1, 20, 1))
                .recommendation());
        assertEquals(Recommendation.KEEP_GRAPH, decide(RolloutMode.GRAPH, List.of(), 0, new OutcomeCounts(5, 5, 20, 0))
                .recommendation(), "too few graph runs to judge");
        assertEquals(Recommendation.HOLD_IN_SHADOW, decide(RolloutMode.GRAPH, List.of(), 0,
                new OutcomeCounts(20, 3, 20, 1)).recommendation());
    }
}
