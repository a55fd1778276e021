package com.hartomat.dispatch.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoHoldTest {

    static final Duration DAY = Duration.ofHours(24);

    @Test
    void graphFailingMoreOftenThanLegacyHoldsWithTheFiguresInTheReason() {
        Optional<AutoHold.Hold> hold = AutoHold.decide(new OutcomeCounts(20, 4, 40, 2), 20, DAY);

        assertTrue(hold.isPresent());
        String reason = hold.get().reason();
        assertTrue(reason.contains("graph runs failed 4 of 20 (20.0%)"), reason);
        assertTrue(reason.contains("legacy renders (2 of 40, 5.0%)"), reason);
        assertTrue(reason.contains("PT24H"), reason);
    }

    @Test
    void tooFewGraphRunsNeverHold() {
        assertEquals(Optional.empty(), AutoHold.decide(new OutcomeCounts(19, 19, 40, 0), 20, DAY));
    }

    @Test
    void graphAtOrBelowLegacysRateDoesNotHold() {
        assertEquals(Optional.empty(), AutoHold.decide(new OutcomeCounts(20, 2, 40, 4), 20, DAY), "equal rates");
        assertEquals(Optional.empty(), AutoHold.decide(new OutcomeCounts(20, 1, 40, 4), 20, DAY), "graph better");
        assertEquals(Optional.empty(), AutoHold.decide(new OutcomeCounts(20, 0, 0, 0), 20, DAY), "no failure at all");
    }

    @Test
    void withoutAnyLegacyRenderGraphIsHeldAgainstARateOfZero() {
        Optional<AutoHold.Hold> hold = AutoHold.decide(new OutcomeCounts(20, 1, 0, 0), 20, DAY);
        assertTrue(hold.isPresent());
        assertTrue(hold.get().reason().contains("(0 of 0, 0.0%)"), hold.get().reason());
    }

    @Test
    void theFailingRunItselfCounts() {
        OutcomeCounts before = new OutcomeCounts(19, 1, 20, 1);
        assertEquals(Optional.empty(), AutoHold.decide(before, 20, DAY));
        assertTrue(AutoHold.decide(before.withFailedGraphRun(), 20, DAY).isPresent(), "2 of 20 against 1 of 20");
    }
}
