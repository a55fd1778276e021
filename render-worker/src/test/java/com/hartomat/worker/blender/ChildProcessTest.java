package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    private static boolean anyAlive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
    }

    private static boolean gone(String marker) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (anyAlive(marker) && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        return !anyAlive(marker);
    }

    @Test
    void theTimeLimitKillsTheWholeProcessTreeIncludingGrandchildren() throws Exception {
        String marker = "hartomat-" + UUID.randomUUID();
        List<String> command = List.of("sh", "-c", "sh -c 'sleep 301; : " + marker + "' & echo started; sleep 302; : " + marker);
        List<String> lines = new ArrayList<>();

        ChildProcess.Outcome outcome = ChildProcess.run(command, dir, Duration.ofSeconds(1), new BoundedLog(4096), lines::add,
                new ChildProcess.Cancellation());

        assertTrue(outcome.timedOut());
        assertFalse(outcome.succeeded());
        assertEquals("started", lines.get(0), "output before the kill was read: " + lines);
        assertTrue(gone(marker), "no process of the tree survives");
    }

    @Test
    void cancellationKillsTheRunningChild() throws Exception {
        String marker = "hartomat-" + UUID.randomUUID();
        ChildProcess.Cancellation cancellation = new ChildProcess.Cancellation();
        CompletableFuture<ChildProcess.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return ChildProcess.run(List.of("sh", "-c", "echo up; sleep 303; : " + marker), dir, Duration.ofMinutes(5),
                        new BoundedLog(4096), line -> cancellation.cancel(), cancellation);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        ChildProcess.Outcome outcome = run.get();

        assertTrue(outcome.cancelled());
        assertTrue(gone(marker));
    }

    @Test
    void outputIsCapturedAndTheExitCodeReported() throws Exception {
        BoundedLog log = new BoundedLog(4096);
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("sh", "-c", "echo hello; echo oops >&2; exit 3"), dir,
                Duration.ofSeconds(30), log, line -> { }, new ChildProcess.Cancellation());

        assertEquals(3, outcome.exitCode());
        assertTrue(log.text().contains("hello\n") && log.text().contains("oops\n"), log.text());
    }
}
