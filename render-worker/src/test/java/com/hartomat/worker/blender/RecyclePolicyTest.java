package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecyclePolicyTest {

    private static final long MIB = 1024 * 1024;
    private final RecyclePolicy policy = new RecyclePolicy(3, 1000 * MIB);

    @Test
    void aHealthyProcessBelowItsJobLimitAndCeilingTakesTheNextJob() {
        assertEquals(Optional.empty(), policy.retireReason(1, BlenderRun.finished(0), 200 * MIB));
        assertEquals(Optional.empty(), policy.retireReason(2, BlenderRun.finished(3), 200 * MIB),
                "a script error leaves the process usable: the reset starts the next job from the factory state");
    }

    @Test
    void aProcessIsRecycledAfterItsJobLimit() {
        assertEquals(Optional.of("recycled after 3 jobs"), policy.retireReason(3, BlenderRun.finished(0), 200 * MIB));
    }

    @Test
    void everyJobThatKilledOrLostTheProcessRetiresIt() {
        assertTrue(policy.retireReason(1, BlenderRun.lost(139), 0).orElseThrow().contains("exit 139"));
        assertTrue(policy.retireReason(1, BlenderRun.timeout(), 0).orElseThrow().contains("time limit"));
        assertTrue(policy.retireReason(1, BlenderRun.overMemory(1200 * MIB), 0).orElseThrow().contains("1200 MiB"));
        assertTrue(policy.retireReason(1, BlenderRun.stopped(), 0).orElseThrow().contains("stop the job"));
    }

    @Test
    void aProcessLeftAboveTheCeilingAfterAJobIsRetired() {
        assertTrue(policy.retireReason(1, BlenderRun.finished(0), 1001 * MIB).orElseThrow().contains("above the memory ceiling"));
        assertTrue(policy.overCeiling(1001 * MIB));
        assertFalse(policy.overCeiling(1000 * MIB));
    }

    @Test
    void aZeroCeilingMeansNone() {
        RecyclePolicy unbounded = new RecyclePolicy(10, 0);
        assertFalse(unbounded.overCeiling(Long.MAX_VALUE));
        assertEquals(Optional.empty(), unbounded.retireReason(1, BlenderRun.finished(0), Long.MAX_VALUE));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecyclePolicy(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecyclePolicy(1, -1));
    }

    @Test
    void aFreshRunIsACrashOnlyForExitCodesOtherThanDoneAndScriptError() {
        assertFalse(BlenderRun.of(new ChildProcess.Outcome(0, false, false)).crashed());
        assertFalse(BlenderRun.of(new ChildProcess.Outcome(3, false, false)).crashed());
        assertTrue(BlenderRun.of(new ChildProcess.Outcome(134, false, false)).crashed());
        assertFalse(BlenderRun.of(new ChildProcess.Outcome(-1, true, false)).crashed());
    }
}
