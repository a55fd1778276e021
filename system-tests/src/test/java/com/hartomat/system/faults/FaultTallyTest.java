package com.hartomat.system.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultTallyTest {

    private static LineOutcome line(String status, int assets, int notifications, int runCompletions, List<String> open) {
        return new LineOutcome("l", "graph", status, assets, notifications, runCompletions, open);
    }

    @Test
    void aLineThatCompletedOnceWithOneAssetAndOneNotificationIsNeitherLostNorDuplicated() {
        LineOutcome ok = line("completed", 1, 1, 1, List.of());
        assertEquals(List.of(), ok.problems());
        assertEquals(false, ok.lost());
        assertEquals(false, ok.duplicated());
        LineOutcome legacy = new LineOutcome("l", "legacy", "completed", 1, 1, -1, List.of());
        assertEquals(List.of(), legacy.problems(), "a legacy line has no graph run to count");
    }

    @Test
    void missingWorkIsLostAndRepeatedWorkIsDuplicated() {
        assertTrue(line("processing", 0, 0, 0, List.of("r=running")).lost());
        assertTrue(line("completed", 0, 1, 1, List.of()).lost(), "no asset");
        assertTrue(line("completed", 1, 0, 1, List.of()).lost(), "no notification");
        assertTrue(line("completed", 2, 1, 1, List.of()).duplicated(), "two assets");
        assertTrue(line("completed", 1, 2, 1, List.of()).duplicated(), "two notifications");
        assertTrue(line("completed", 1, 1, 2, List.of()).duplicated(), "two distinct completion events");
        assertEquals(List.of("runs not completed: [r=failed]"), line("completed", 1, 1, 1, List.of("r=failed")).problems());
    }

    @Test
    void theTableCountsFaultsLinesLostAndDuplicatedAndTheLongestRecovery() {
        FaultTally tally = new FaultTally();
        tally.add(new FaultTally.Fault("kill -9 render-worker", "job a", 0, Optional.of(Duration.ofMillis(4200))));
        tally.add(new FaultTally.Fault("Kafka broker restart", "3 s down", 0, Optional.of(Duration.ofMillis(9100))));
        tally.add(new FaultTally.Fault("PostgreSQL restart", "3 s down", 0, Optional.empty()));
        List<LineOutcome> lines = List.of(line("completed", 1, 1, 1, List.of()), line("completed", 2, 1, 1, List.of()),
                new LineOutcome("x", "legacy", "failed", 0, 1, -1, List.of()));

        assertEquals(Optional.of(Duration.ofMillis(9100)), tally.longestRecovery());
        assertEquals(1, FaultTally.lost(lines));
        assertEquals(1, FaultTally.duplicated(lines));
        String table = tally.table(lines, Duration.ofSeconds(30), Duration.ofSeconds(200));
        assertTrue(table.contains("| 2 | Kafka broker restart | 3 s down | 9.1 s |"), table);
        assertTrue(table.contains("| 3 | PostgreSQL restart | 3 s down | none |"), table);
        assertTrue(table.contains("| 3 (1 legacy, 2 graph, 0 shadow) | 3 | 1 | 1 | 9.1 s | 30.0 s | 200.0 s |"), table);
    }
}
