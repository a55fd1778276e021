package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hartomat.contracts.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm pool with real Blender running the real loop script ({@code hartomat_warm.py}) on a stand-in scene script
 * ({@code pool_test_scene.py}) whose specs crash, hang, grow or fail on cue.
 */
class BlenderPoolTest {

    private static final long MIB = 1024 * 1024;
    private static final Duration JOB_LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Path loop;
    private Path scene;
    private final List<BlenderPool> pools = new ArrayList<>();

    @BeforeEach
    void scripts() throws IOException {
        loop = copy("blender/hartomat_warm.py");
        scene = copy("blender/pool_test_scene.py");
    }

    @AfterEach
    void closePools() {
        pools.forEach(BlenderPool::close);
    }

    @Test
    void oneProcessTakesJobAfterJobAndStartsEachFromTheFactoryState() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        Job first = run(pool, Map.of("action", "leave_traces"), JOB_LIMIT);
        Job second = run(pool, Map.of("action", "report"), JOB_LIMIT);

        assertTrue(first.run().succeeded(), first.log().text());
        assertTrue(second.run().succeeded(), second.log().text());
        assertEquals(first.result().get("pid"), second.result().get("pid"), "the second job ran on the same warm process");
        assertEquals(1, pool.started());
        assertTrue(((List<?>) first.result().get("objects")).contains("left_behind"));
        assertEquals(List.of("Camera", "Cube", "Light"), second.result().get("objects"),
                "the first job's object is gone: the second starts from the factory start-up scene");
        assertEquals(1920, second.result().get("resolution_x"), "render settings are back at the factory values");
        assertEquals(0, second.result().get("render_post_handlers"), "the first job's handler is gone");
        assertEquals(second.cwd().toString(), second.result().get("cwd"), "the job runs in its own work directory");
    }

    @Test
    void eachJobGetsItsOwnOutputLinesInItsLogAndListener() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        Job first = run(pool, Map.of("action", "report", "say", "apple"), JOB_LIMIT);
        Job second = run(pool, Map.of("action", "report", "say", "pear"), JOB_LIMIT);

        assertTrue(first.log().text().contains("job says apple"));
        assertFalse(first.log().text().contains("job says pear"));
        assertTrue(second.lines().contains("job says pear"));
        assertFalse(second.lines().contains("job says apple"));
        assertTrue(second.lines().stream().anyMatch(l -> l.startsWith(ScriptLine.PROGRESS)), "progress lines reach the job");
        assertFalse(second.lines().stream().anyMatch(l -> l.startsWith(WarmBlender.DONE) || l.startsWith(WarmBlender.READY)),
                "the pool's own protocol lines are not the job's");
    }

    @Test
    void aCrashCostsOnlyTheJobAtHandAndTheProcessIsReplaced() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        Job before = run(pool, Map.of("action", "report"), JOB_LIMIT);
        Job crash = run(pool, Map.of("action", "exit", "code", 7), JOB_LIMIT);
        Job after = run(pool, Map.of("action", "report"), JOB_LIMIT);

        assertTrue(crash.run().crashed(), crash.log().text());
        assertEquals(7, crash.run().exitCode());
        assertTrue(crash.log().text().contains("ended with exit 7 in the middle of the job"), crash.log().text());
        assertTrue(after.run().succeeded(), after.log().text());
        assertNotEquals(before.result().get("pid"), after.result().get("pid"));
        assertEquals(2, pool.started());
        assertEquals(1, pool.retired());
    }

    @Test
    void aScriptErrorFailsTheJobButKeepsTheProcess() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        Job failing = run(pool, Map.of("action", "raise"), JOB_LIMIT);
        Job after = run(pool, Map.of("action", "report"), JOB_LIMIT);

        assertEquals(3, failing.run().exitCode(), "as a fresh Blender with --python-exit-code 3");
        assertFalse(failing.run().crashed());
        assertTrue(failing.lines().stream().anyMatch(l -> l.startsWith(ScriptLine.ERROR) && l.contains("import_failed")));
        assertTrue(after.run().succeeded());
        assertEquals(1, pool.started());
    }

    @Test
    void aHangIsKilledAtTheJobsTimeLimitAndReplaced() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        assertTrue(run(pool, Map.of("action", "report"), JOB_LIMIT).run().succeeded(), "the process is up and warm");
        Job hang = run(pool, Map.of("action", "sleep", "seconds", 600), Duration.ofSeconds(8));
        Job after = run(pool, Map.of("action", "report"), JOB_LIMIT);

        assertTrue(hang.run().timedOut(), hang.log().text());
        assertTrue(hang.log().text().contains("time limit was reached: killing warm Blender pid"), hang.log().text());
        assertTrue(after.run().succeeded(), after.log().text());
        assertEquals(2, pool.started());
    }

    @Test
    void processesAreRecycledAfterTheConfiguredNumberOfJobs() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(2, 0));
        Object a = run(pool, Map.of("action", "report"), JOB_LIMIT).result().get("pid");
        Job second = run(pool, Map.of("action", "report"), JOB_LIMIT);
        Object c = run(pool, Map.of("action", "report"), JOB_LIMIT).result().get("pid");

        assertEquals(a, second.result().get("pid"));
        assertTrue(second.log().text().contains("replaced: recycled after 2 jobs"), second.log().text());
        assertNotEquals(a, c, "the third job runs on the replacement");
        assertEquals(2, pool.started());
    }

    @Test
    void aProcessPassingTheMemoryCeilingIsKilledAndReplaced() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 700 * MIB));
        Job hog = run(pool, Map.of("action", "allocate", "mb", 1200, "seconds", 120), JOB_LIMIT);
        Job after = run(pool, Map.of("action", "report"), JOB_LIMIT);

        assertTrue(hog.run().overMemory(), hog.log().text());
        assertTrue(hog.run().overMemoryRssBytes() > 700 * MIB);
        assertTrue(hog.log().text().contains("is above the memory ceiling of 700 MiB"), hog.log().text());
        assertTrue(after.run().succeeded(), after.log().text());
        assertEquals(2, pool.started());
    }

    @Test
    void cancellingStopsTheJobAtHandByKillingItsProcessAndALaterCancelLeavesTheNextJobAlone() throws Exception {
        BlenderPool pool = pool(1, new RecyclePolicy(50, 0));
        ChildProcess.Cancellation cancellation = new ChildProcess.Cancellation();
        BoundedLog log = new BoundedLog(1 << 16);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<BlenderRun> running = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.run(spec(Map.of("action", "sleep", "seconds", 600)), dir, JOB_LIMIT, log, lines::add, cancellation);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitLine(lines, "job says");
        cancellation.cancel();
        BlenderRun stopped = running.get(60, TimeUnit.SECONDS);
        assertTrue(stopped.cancelled(), log.text());

        Job done = run(pool, Map.of("action", "report"), JOB_LIMIT);
        cancellation.cancel();
        Job next = run(pool, Map.of("action", "report"), JOB_LIMIT);
        assertTrue(next.run().succeeded());
        assertEquals(done.result().get("pid"), next.result().get("pid"),
                "cancelling a finished job's attempt does not kill the process that has moved on");
    }

    // ------------------------------------------------------------------ helpers

    record Job(BlenderRun run, BoundedLog log, List<String> lines, Map<String, Object> result, Path cwd) {
    }

    private BlenderPool pool(int size, RecyclePolicy policy) throws IOException {
        BlenderPool pool = new BlenderPool("blender", loop, scene, dir, size, policy);
        pools.add(pool);
        pool.prewarm();
        return pool;
    }

    private Job run(BlenderPool pool, Map<String, Object> spec, Duration limit) throws Exception {
        BoundedLog log = new BoundedLog(1 << 16);
        List<String> lines = new CopyOnWriteArrayList<>();
        Path cwd = Files.createTempDirectory(dir, "job");
        BlenderRun run = pool.run(spec(spec), cwd, limit, log, lines::add, new ChildProcess.Cancellation());
        Map<String, Object> result = null;
        for (String line : lines) {
            if (line.startsWith(ScriptLine.RESULT)) {
                result = Json.mapper().readValue(line.substring(ScriptLine.RESULT.length()),
                        new TypeReference<Map<String, Object>>() {
                        });
            }
        }
        return new Job(run, log, lines, result, cwd);
    }

    private Path spec(Map<String, Object> spec) throws IOException {
        Path file = Files.createTempFile(dir, "spec", ".json");
        Files.write(file, Json.mapper().writeValueAsBytes(spec));
        return file;
    }

    private Path copy(String resource) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static void awaitLine(List<String> lines, String prefix) throws InterruptedException {
        for (int i = 0; i < 600 && lines.stream().noneMatch(l -> l.startsWith(prefix)); i++) {
            Thread.sleep(100);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), "the job started");
    }
}
