package com.hartomat.worker.meshcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.worker.cad.GlbBoundsTest;
import com.hartomat.worker.cad.TessellationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshCacheTest {

    static final MeshCacheKey KEY = MeshCacheKey.of(MeshCacheKeyTest.SHA, new TessellationSettings(20), 0.001);

    @TempDir
    Path root;

    final List<MeshCache.Result> results = Collections.synchronizedList(new ArrayList<>());

    /** Writes a one-triangle GLB (x 0..0.1 m) and one STL per part, as the Blender export does. */
    static MeshCache.Builder writing(String... parts) {
        return (glb, stlDir) -> {
            Files.write(glb, GlbBoundsTest.glb(new float[] {0, 0, 0, 0.1f, 0, 0, 0, 0.2f, 0}, "[{\"mesh\":0}]"));
            for (String part : parts) {
                Files.writeString(stlDir.resolve(part + ".stl"), "solid " + part);
            }
            return List.of(parts);
        };
    }

    @Test
    void theFirstJobMissesAndPublishesTheSecondHitsWithoutBuilding() throws Exception {
        MeshCache cache = new MeshCache(root, 0, results::add);
        AtomicInteger builds = new AtomicInteger();
        MeshCache.Builder builder = (glb, stl) -> {
            builds.incrementAndGet();
            return writing("nut", "plate").build(glb, stl);
        };

        MeshCache.Obtained first = cache.obtain(KEY, builder);
        MeshCache.Obtained second = cache.obtain(KEY, builder);

        assertEquals(MeshCache.Result.MISS, first.result());
        assertEquals(MeshCache.Result.HIT, second.result());
        assertEquals(1, builds.get());
        assertEquals(List.of(MeshCache.Result.MISS, MeshCache.Result.HIT), results);
        MeshCache.Entry entry = second.entry();
        assertEquals(root.resolve(KEY.relativeDir()), entry.dir());
        assertEquals(List.of("nut", "plate"), entry.parts());
        assertEquals(List.of(entry.dir().resolve("stl/nut.stl"), entry.dir().resolve("stl/plate.stl")), entry.stls());
        assertTrue(Files.isRegularFile(entry.glb()));
        assertEquals(List.of(0.0, 0.0, 0.0), entry.bbox().get("min"));
        List<?> max = (List<?>) entry.bbox().get("max");
        // the GLB's triangle spans x 0..0.1 m and glTF y (Blender z) 0..0.2 m: measured from the GLB, in mm
        assertEquals(100.0, ((Number) max.get(0)).doubleValue(), 1e-3, "bbox: " + entry.bbox());
        assertEquals(200.0, ((Number) max.get(2)).doubleValue(), 1e-3, "bbox: " + entry.bbox());
        assertEquals(List.of(), leftovers(), "no temporary directory left");
    }

    @Test
    void anEntryBeingBuiltIsNotVisibleAndAFailedBuildLeavesNothing() throws IOException {
        MeshCache cache = new MeshCache(root, 0, results::add);
        List<Optional<MeshCache.Entry>> seenWhileBuilding = new ArrayList<>();

        assertThrows(IOException.class, () -> cache.obtain(KEY, (glb, stl) -> {
            writing("nut").build(glb, stl);
            seenWhileBuilding.add(cache.lookup(KEY));
            throw new IOException("gmsh failed half-way");
        }));

        assertEquals(List.of(Optional.empty()), seenWhileBuilding);
        assertEquals(Optional.empty(), cache.lookup(KEY));
        assertFalse(Files.exists(root.resolve(KEY.relativeDir())));
        assertEquals(List.of(), leftovers());
        assertEquals(List.of(), results, "a failed build is neither hit nor miss");
    }

    @Test
    void twoWorkersMeshingTheSameFileAtOnceEndWithOneValidEntryBothUse() throws Exception {
        // two caches on one root: two workers sharing artifact storage
        MeshCache workerA = new MeshCache(root, 0, results::add);
        MeshCache workerB = new MeshCache(root, 0, results::add);
        CyclicBarrier bothBuilding = new CyclicBarrier(2);
        List<Optional<MeshCache.Entry>> seenWhileBuilding = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MeshCache.Obtained> a = threads.submit(() -> workerA.obtain(KEY, racing(bothBuilding, seenWhileBuilding, workerA, "a")));
            Future<MeshCache.Obtained> b = threads.submit(() -> workerB.obtain(KEY, racing(bothBuilding, seenWhileBuilding, workerB, "b")));
            MeshCache.Obtained first = a.get(30, TimeUnit.SECONDS);
            MeshCache.Obtained second = b.get(30, TimeUnit.SECONDS);

            assertEquals(List.of(Optional.empty(), Optional.empty()), seenWhileBuilding, "both built before either published");
            assertEquals(List.of(MeshCache.Result.MISS, MeshCache.Result.MISS), results);
            assertEquals(first.entry(), second.entry(), "both jobs use the one published entry");
            String winner = first.entry().parts().get(0);
            assertTrue(winner.equals("a") || winner.equals("b"), winner);
            assertEquals(List.of(first.entry().dir().resolve("stl/" + winner + ".stl")), first.entry().stls(),
                    "the entry is one worker's copy, not a mix of both");
            assertEquals(1, entries(), "one entry");
            assertEquals(List.of(), leftovers(), "the loser's copy is discarded");
            assertEquals(Optional.of(first.entry()), workerB.lookup(KEY));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void parallelJobsOfOneWorkerOnTheSameFileMeshItOnceTheOthersWaitAndHit() throws Exception {
        MeshCache cache = new MeshCache(root, 0, results::add);
        CountDownLatch firstBuilding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        MeshCache.Builder slow = (glb, stl) -> {
            builds.incrementAndGet();
            firstBuilding.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return writing("nut").build(glb, stl);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MeshCache.Obtained> first = threads.submit(() -> cache.obtain(KEY, slow));
            assertTrue(firstBuilding.await(20, TimeUnit.SECONDS));
            Future<MeshCache.Obtained> second = threads.submit(() -> cache.obtain(KEY, slow));
            release.countDown();

            assertEquals(MeshCache.Result.MISS, first.get(30, TimeUnit.SECONDS).result());
            assertEquals(MeshCache.Result.HIT, second.get(30, TimeUnit.SECONDS).result());
            assertEquals(1, builds.get());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Both builders write their copy, then both look (nothing published yet), then both return and publish. */
    private static MeshCache.Builder racing(CyclicBarrier barrier, List<Optional<MeshCache.Entry>> seen, MeshCache cache,
            String part) {
        return (glb, stl) -> {
            writing(part).build(glb, stl);
            await(barrier);
            seen.add(cache.lookup(KEY));
            await(barrier);
            return List.of(part);
        };
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other builder did not keep up", e);
        }
    }

    @Test
    void anUnreadableDirectoryInTheEntrysPlaceIsReplaced() throws Exception {
        Files.createDirectories(root.resolve(KEY.relativeDir()));
        Files.writeString(root.resolve(KEY.relativeDir()).resolve("model.glb"), "half of a cleanup");
        MeshCache cache = new MeshCache(root, 0, results::add);

        MeshCache.Obtained obtained = cache.obtain(KEY, writing("nut"));

        assertEquals(MeshCache.Result.MISS, obtained.result());
        assertEquals(List.of("nut"), cache.lookup(KEY).orElseThrow().parts());
    }

    @Test
    void beyondMaxEntriesTheLeastRecentlyUsedEntryIsEvicted() throws Exception {
        MeshCache cache = new MeshCache(root, 2, results::add);
        MeshCacheKey older = MeshCacheKey.of("01" + MeshCacheKeyTest.SHA.substring(2), new TessellationSettings(20), 0.001);
        MeshCacheKey used = MeshCacheKey.of("02" + MeshCacheKeyTest.SHA.substring(2), new TessellationSettings(20), 0.001);
        cache.obtain(older, writing("old"));
        cache.obtain(used, writing("used"));
        // last use is the entry file's modification time; set explicitly rather than waiting for the clock
        Files.setLastModifiedTime(root.resolve(older.relativeDir()).resolve("entry.json"), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(root.resolve(used.relativeDir()).resolve("entry.json"), FileTime.fromMillis(2_000));

        cache.obtain(KEY, writing("new"));

        assertEquals(Optional.empty(), cache.lookup(older));
        assertTrue(cache.lookup(used).isPresent());
        assertTrue(cache.lookup(KEY).isPresent());
        assertEquals(2, entries());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aHitMarksTheEntryAsRecentlyUsed() throws Exception {
        MeshCache cache = new MeshCache(root, 0, results::add);
        cache.obtain(KEY, writing("nut"));
        Path entryFile = root.resolve(KEY.relativeDir()).resolve("entry.json");
        Files.setLastModifiedTime(entryFile, FileTime.fromMillis(1_000));

        cache.obtain(KEY, writing("nut"));

        assertTrue(Files.getLastModifiedTime(entryFile).toMillis() > 1_000);
    }

    private long entries() throws IOException {
        return new MeshCache(root, 0, r -> { }).entriesByLastUse().size();
    }

    private List<Path> leftovers() throws IOException {
        Path tmp = root.resolve(MeshCache.TMP);
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }
}
