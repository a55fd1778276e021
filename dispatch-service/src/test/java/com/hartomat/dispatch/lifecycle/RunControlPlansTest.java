package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The run-control decisions on plain rows: what resume keeps and runs again, what a retry resets, what cancel ends. */
class RunControlPlansTest {

    /** setup → render → output, setup → thumb (a parallel branch). */
    static final RunGraphShape SHAPE = new RunGraphShape(List.of("setup", "render", "thumb", "output"),
            Map.of("setup", List.of(), "render", List.of("setup"), "thumb", List.of("setup"), "output", List.of("render")),
            Map.of("setup", List.of("render", "thumb"), "render", List.of("output"), "thumb", List.of(),
                    "output", List.of()));

    static Map<String, RunStatus> nodes(RunStatus setup, RunStatus render, RunStatus thumb, RunStatus output) {
        Map<String, RunStatus> m = new LinkedHashMap<>();
        m.put("setup", setup);
        m.put("render", render);
        m.put("thumb", thumb);
        m.put("output", output);
        return m;
    }

    static String code(Runnable r) {
        return assertThrows(ApiException.class, r::run).code();
    }

    @Test
    void shapeKnowsWhatIsUpstreamAndDownstreamInPlanOrder() {
        assertEquals(List.of("render", "thumb", "output"), SHAPE.downstreamOf("setup"));
        assertEquals(List.of("setup", "render"), SHAPE.upstreamOf("output"));
        assertEquals(List.of(), SHAPE.downstreamOf("output"));
    }

    @Test
    void resumeKeepsCompletedAndDesignSkippedNodesAndRunsFailedAndFailureSkippedOnesAgain() {
        var d = ResumePlan.decide(RunStatus.FAILED, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.SKIPPED, RunStatus.SKIPPED), SHAPE);
        ResumePlan.Resume resume = assertInstanceOf(ResumePlan.Resume.class, d);
        // thumb was skipped by design (not downstream of the failure); output only because render failed
        assertEquals(List.of("setup", "thumb"), resume.kept());
        assertEquals(List.of("render", "output"), resume.reset());
    }

    @Test
    void resumeOfARunningRunWithLiveJobsIsANoOpThatSaysSo() {
        var d = ResumePlan.decide(RunStatus.RUNNING, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.RUNNING, RunStatus.QUEUED, RunStatus.PENDING), SHAPE);
        ResumePlan.NoOp noOp = assertInstanceOf(ResumePlan.NoOp.class, d);
        assertEquals(List.of("render", "thumb"), noOp.liveNodes());
        assertTrue(noOp.reason().contains("live jobs"), noOp.reason());
    }

    @Test
    void resumeOfAFailedRunLeavesItsLiveParallelJobsAlone() {
        var d = ResumePlan.decide(RunStatus.FAILED, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.SKIPPED), SHAPE);
        ResumePlan.Resume resume = assertInstanceOf(ResumePlan.Resume.class, d);
        assertEquals(List.of("render", "output"), resume.reset());
        assertEquals(List.of("thumb"), resume.liveNodes());
    }

    @Test
    void resumeOfAStuckRunWithoutLiveJobsRunsItsNeverStartedNodes() {
        var d = ResumePlan.decide(RunStatus.RUNNING, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.PENDING, RunStatus.COMPLETED, RunStatus.PENDING), SHAPE);
        ResumePlan.Resume resume = assertInstanceOf(ResumePlan.Resume.class, d);
        assertEquals(List.of(), resume.reset(), "pending nodes stay pending and are queued when their upstream allows");
        assertEquals(List.of("setup", "thumb"), resume.kept());
    }

    @ParameterizedTest
    @EnumSource(value = RunStatus.class, names = {"COMPLETED", "CANCELLED"})
    void resumeRefusesACompletedOrCancelledRun(RunStatus status) {
        assertEquals("run_already_terminal", code(() -> ResumePlan.decide(status, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED), SHAPE)));
    }

    @Test
    void resumeRefusesALegacyModeRun() {
        assertEquals("run_not_resumable", code(() -> ResumePlan.decide(RunStatus.FAILED, ExecutionMode.LEGACY,
                Map.of("render", RunStatus.FAILED), null)));
    }

    @Test
    void retryResetsTheNodeAndEverythingDownstreamButNotItsUpstreamOrSiblings() {
        assertEquals(List.of("render", "output"), RetryPlan.decide(RunStatus.COMPLETED, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED), SHAPE,
                "render"));
        assertEquals(List.of("setup", "render", "thumb", "output"), RetryPlan.decide(RunStatus.FAILED,
                ExecutionMode.SHADOW, nodes(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.COMPLETED,
                        RunStatus.SKIPPED), SHAPE, "setup"));
    }

    @Test
    void retryRefusals() {
        Map<String, RunStatus> done = nodes(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED,
                RunStatus.COMPLETED);
        assertEquals("unknown_node", code(() -> RetryPlan.decide(RunStatus.COMPLETED, ExecutionMode.GRAPH, done, SHAPE,
                "nope")));
        assertEquals("run_not_finished", code(() -> RetryPlan.decide(RunStatus.RUNNING, ExecutionMode.GRAPH, done,
                SHAPE, "render")));
        assertEquals("run_not_finished", code(() -> RetryPlan.decide(RunStatus.PENDING, ExecutionMode.GRAPH, done,
                SHAPE, "render")));
        assertEquals("run_already_terminal", code(() -> RetryPlan.decide(RunStatus.CANCELLED, ExecutionMode.GRAPH,
                done, SHAPE, "render")));
        assertEquals("run_not_retryable", code(() -> RetryPlan.decide(RunStatus.FAILED, ExecutionMode.LEGACY, done,
                null, "render")));
        assertEquals("upstream_not_completed", code(() -> RetryPlan.decide(RunStatus.FAILED, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.COMPLETED, RunStatus.SKIPPED), SHAPE,
                "output")));
        assertEquals("node_still_running", code(() -> RetryPlan.decide(RunStatus.FAILED, ExecutionMode.GRAPH,
                nodes(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.SKIPPED), SHAPE, "setup")));
    }

    @Test
    void cancelEndsEveryUnfinishedNodeAndRefusesAnEndedRun() {
        assertEquals(List.of("render", "thumb", "output"), CancelPlan.decide(RunStatus.RUNNING,
                nodes(RunStatus.COMPLETED, RunStatus.RUNNING, RunStatus.QUEUED, RunStatus.PENDING)));
        for (RunStatus ended : List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED)) {
            assertEquals("run_already_terminal", code(() -> CancelPlan.decide(ended,
                    nodes(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED))));
        }
    }
}
