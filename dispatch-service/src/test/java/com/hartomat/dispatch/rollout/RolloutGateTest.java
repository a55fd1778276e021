package com.hartomat.dispatch.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.dispatch.rollout.RolloutGate.Decision;
import com.hartomat.dispatch.rollout.RolloutGate.Input;
import com.hartomat.dispatch.rollout.RolloutGate.Route;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The rollout gate's decision table. */
class RolloutGateTest {

    static Input input(boolean known, String wf, boolean available, String prepFailure, String expected,
            List<String> produced, ExecutionMode configured, RolloutMode rollout, List<String> unsupported) {
        return new Input(known, wf, available, prepFailure, expected, produced, configured, rollout, unsupported);
    }

    static Stream<Arguments> table() {
        List<String> still = List.of("still_image");
        return Stream.of(
                Arguments.of(input(false, null, false, null, null, null, null, RolloutMode.LEGACY_ONLY, null),
                        Route.LEGACY, GateStatus.OUTPUT_TYPE_UNKNOWN),
                Arguments.of(input(true, null, false, null, null, null, null, RolloutMode.LEGACY_ONLY, null),
                        Route.LEGACY, GateStatus.LEGACY_ONLY),
                Arguments.of(input(true, "wf", false, null, null, null, null, RolloutMode.GRAPH, null),
                        Route.LEGACY, GateStatus.WORKFLOW_UNAVAILABLE),
                Arguments.of(input(true, "wf", true, "boom", null, null, ExecutionMode.GRAPH, RolloutMode.GRAPH, null),
                        Route.LEGACY, GateStatus.WORKFLOW_PREPARATION_FAILED),
                Arguments.of(input(true, "wf", true, null, "still_image", List.of("blend_asset"), ExecutionMode.GRAPH,
                        RolloutMode.GRAPH, null), Route.LEGACY, GateStatus.WORKFLOW_CONTRACT_MISMATCH),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.LEGACY, RolloutMode.GRAPH, null),
                        Route.WORKFLOW_LEGACY, GateStatus.WORKFLOW_LEGACY_MODE),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.LEGACY, RolloutMode.LEGACY_ONLY, null),
                        Route.WORKFLOW_LEGACY, GateStatus.WORKFLOW_LEGACY_MODE),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.GRAPH, RolloutMode.LEGACY_ONLY, null),
                        Route.LEGACY, GateStatus.ROLLOUT_LEGACY_ONLY),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.SHADOW, RolloutMode.LEGACY_ONLY, null),
                        Route.LEGACY, GateStatus.ROLLOUT_LEGACY_ONLY),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.GRAPH, RolloutMode.GRAPH, List.of("x")),
                        Route.LEGACY, GateStatus.GRAPH_UNSUPPORTED_NODES),
                Arguments.of(input(true, "wf", true, null, "still_image", still, ExecutionMode.GRAPH, RolloutMode.GRAPH, null),
                        Route.GRAPH, GateStatus.GRAPH_AUTHORITATIVE),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.GRAPH, RolloutMode.SHADOW, null),
                        Route.SHADOW, GateStatus.PENDING_SHADOW_VERDICT),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.SHADOW, RolloutMode.GRAPH, null),
                        Route.SHADOW, GateStatus.PENDING_SHADOW_VERDICT),
                Arguments.of(input(true, "wf", true, null, null, still, ExecutionMode.SHADOW, RolloutMode.SHADOW, null),
                        Route.SHADOW, GateStatus.PENDING_SHADOW_VERDICT));
    }

    @ParameterizedTest
    @MethodSource("table")
    void decidesRouteAndGateStatus(Input in, Route route, GateStatus status) {
        Decision d = RolloutGate.decide(in);
        assertEquals(route, d.route());
        assertEquals(status, d.status());
        assertTrue(!d.reasons().isEmpty());
    }

    @Test
    void contractMismatchReasonsNameExpectedAndProducedKinds() {
        Decision d = RolloutGate.decide(input(true, "wf", true, null, "still_image", List.of("blend_asset"),
                ExecutionMode.GRAPH, RolloutMode.GRAPH, null));
        assertTrue(d.reasons().contains("Expected artifact kind: still_image."));
        assertTrue(d.reasons().stream().anyMatch(r -> r.contains("blend_asset")));
    }

    @Test
    void preparationFailureReasonStartsWithTheReferenceText() {
        Decision d = RolloutGate.decide(input(true, "wf", true, "prep exploded", null, null, null, RolloutMode.GRAPH, null));
        assertEquals("Workflow runtime preparation failed: prep exploded", d.reasons().get(0));
    }

    @Test
    void derivedRolloutModeFollowsTheReference() {
        assertEquals(RolloutMode.GRAPH, RolloutMode.derivedFrom("graph"));
        assertEquals(RolloutMode.SHADOW, RolloutMode.derivedFrom("shadow"));
        assertEquals(RolloutMode.LEGACY_ONLY, RolloutMode.derivedFrom("legacy"));
        assertEquals(RolloutMode.LEGACY_ONLY, RolloutMode.derivedFrom(null));
        assertEquals(RolloutMode.LEGACY_ONLY, RolloutMode.GRAPH.mostRestrictive(RolloutMode.LEGACY_ONLY));
        assertEquals(RolloutMode.SHADOW, RolloutMode.SHADOW.mostRestrictive(RolloutMode.GRAPH));
    }
}
