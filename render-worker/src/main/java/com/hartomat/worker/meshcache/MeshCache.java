package com.hartomat.worker.meshcache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hartomat.contracts.codec.Json;
import com.hartomat.worker.cad.GlbBounds;
import com.hartomat.worker.storage.ScratchDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Meshing results of STEP files (GLB, one STL per part, part list, bounding box) kept in artifact storage, shared by
 * every worker on that storage. An entry is built in a temporary directory below the cache root (same filesystem)
 * and published by one atomic directory rename, so it is either absent or complete; when two workers build the same
 * entry at once the second rename fails, that worker discards its copy and both use the published entry.
 *
 * <p>Layout below {@code <storage root>/mesh-cache/}: {@code <sha[0..2]>/<sha>/<fingerprint>/} holding
 * {@code entry.json}, {@code model.glb} and {@code stl/<part>.stl}; {@code .tmp/} holds entries being built and
 * entries on their way out. A filesystem directory rename is the whole protocol: no lock files, no database, which is
 * why this is plain {@code java.nio} rather than a cache library (those keep entries in one process).
 */
public final class MeshCache {

    public static final String DIR = "mesh-cache";
    static final String ENTRY_FILE = "entry.json";
    static final String GLB = "model.glb";
    static final String STL_DIR = "stl";
    static final String TMP = ".tmp";

    /** Whether a job found its meshes in the cache or meshed the STEP file itself. */
    public enum Result {
        HIT, MISS;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** Meshes a STEP file on a miss: writes the GLB and one STL per part, returns the part (object) names. */
    @FunctionalInterface
    public interface Builder {
        List<String> build(Path glb, Path stlDir) throws IOException, InterruptedException;
    }

    /** A published entry: its files (absolute paths) and what was recorded about them. */
    public record Entry(MeshCacheKey key, Path dir, Path glb, List<Path> stls, List<String> parts, Map<String, Object> bbox) {
    }

    public record Obtained(Entry entry, Result result) {
    }

    private final Path root;
    private final int maxEntries;
    private final Consumer<Result> results;
    /** One build per key at a time in this worker; other workers on the storage are handled by the atomic publish. */
    private final Map<String, ReentrantLock> building = new ConcurrentHashMap<>();

    /**
     * @param root the cache directory, below the storage root so temporary and final entries share a filesystem
     * @param maxEntries the most entries kept (the least recently used are evicted after a publish); 0: no bound
     * @param results told of every hit and miss (the metric)
     */
    public MeshCache(Path root, int maxEntries, Consumer<Result> results) {
        this.root = root;
        this.maxEntries = maxEntries;
        this.results = results;
    }

    public Path root() {
        return root;
    }

    /** The complete entry for the key, if one is published. */
    public Optional<Entry> lookup(MeshCacheKey key) {
        return read(key, root.resolve(key.relativeDir()));
    }

    /** The entry for the key: found, or built by the builder and published (or another worker's, if it won a race). */
    public Obtained obtain(MeshCacheKey key, Builder builder) throws IOException, InterruptedException {
        Optional<Obtained> hit = hit(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        // parallel jobs of one worker on the same file: the first meshes, the others wait for its entry
        ReentrantLock lock = building.computeIfAbsent(key.relativeDir(), k -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            hit = hit(key);
            return hit.isPresent() ? hit.get() : build(key, builder);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Obtained> hit(MeshCacheKey key) {
        Optional<Entry> found = lookup(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        markUsed(found.get());
        results.accept(Result.HIT);
        return Optional.of(new Obtained(found.get(), Result.HIT));
    }

    private Obtained build(MeshCacheKey key, Builder builder) throws IOException, InterruptedException {
        Path temp = newTempDir();
        try {
            Path glb = temp.resolve(GLB);
            Path stlDir = temp.resolve(STL_DIR);
            Files.createDirectories(stlDir);
            List<String> parts = builder.build(glb, stlDir);
            writeEntryFile(key, temp, parts, GlbBounds.of(glb).toOutput());
            Entry entry = publish(key, temp);
            results.accept(Result.MISS);
            evictBeyondBound();
            return new Obtained(entry, Result.MISS);
        } finally {
            ScratchDirs.deleteQuietly(temp);
        }
    }

    /**
     * Moves a complete entry from its temporary directory to its place in one rename. If an entry is there already
     * (another worker won the race) this copy is discarded by the caller and the published one is returned.
     */
    Entry publish(MeshCacheKey key, Path temp) throws IOException {
        Path target = root.resolve(key.relativeDir());
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException taken) {
            if (read(key, target).isEmpty()) {
                if (!Files.exists(target)) {
                    throw taken;
                }
                // something unreadable is in the way (e.g. a manual cleanup that stopped half-way): set it aside, retry once
                retire(target);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return read(key, target).orElseThrow(() -> new IOException("mesh cache entry " + target + " unreadable after publishing"));
    }

    /** Every published entry, least recently used first. */
    List<Path> entriesByLastUse() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.find(root, 3, (path, attrs) -> attrs.isDirectory()
                && root.relativize(path).getNameCount() == 3 && !root.relativize(path).startsWith(TMP))) {
            List<Path> entries = new ArrayList<>(walk.filter(dir -> Files.isRegularFile(dir.resolve(ENTRY_FILE))).toList());
            entries.sort(Comparator.comparing(MeshCache::lastUse));
            return entries;
        }
    }

    private void evictBeyondBound() {
        if (maxEntries <= 0) {
            return;
        }
        try {
            List<Path> entries = entriesByLastUse();
            for (int i = 0; i < entries.size() - maxEntries; i++) {
                retire(entries.get(i));
            }
        } catch (IOException | UncheckedIOException e) {
            // a bound not kept this time is kept after the next publish
        }
    }

    /** Takes an entry out of sight in one rename, then deletes it: a reader sees it whole or not at all. */
    private void retire(Path entry) throws IOException {
        Path aside = root.resolve(TMP).resolve("retired-" + UUID.randomUUID());
        Files.createDirectories(aside.getParent());
        try {
            Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        ScratchDirs.deleteQuietly(aside);
    }

    private Path newTempDir() throws IOException {
        Path temp = root.resolve(TMP).resolve("build-" + UUID.randomUUID());
        Files.createDirectories(temp);
        return temp;
    }

    private static void writeEntryFile(MeshCacheKey key, Path dir, List<String> parts, Map<String, Object> bbox)
            throws IOException {
        List<String> stls;
        try (Stream<Path> files = Files.list(dir.resolve(STL_DIR))) {
            stls = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step_sha256", key.stepSha256());
        entry.put("fingerprint", key.fingerprint());
        entry.put("settings", key.settings());
        entry.put("parts", parts);
        entry.put("bbox", bbox);
        entry.put("stl", stls);
        entry.put("created_at", Instant.now().toString());
        Files.write(dir.resolve(ENTRY_FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
    }

    private static Optional<Entry> read(MeshCacheKey key, Path dir) {
        Path file = dir.resolve(ENTRY_FILE);
        Path glb = dir.resolve(GLB);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(glb)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> recorded = Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
            if (!key.stepSha256().equals(recorded.get("step_sha256")) || !key.fingerprint().equals(recorded.get("fingerprint"))) {
                return Optional.empty();
            }
            List<Path> stls = new ArrayList<>();
            for (Object name : (List<?>) recorded.get("stl")) {
                stls.add(dir.resolve(STL_DIR).resolve(name.toString()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> bbox = (Map<String, Object>) recorded.get("bbox");
            List<String> parts = ((List<?>) recorded.get("parts")).stream().map(String::valueOf).toList();
            return Optional.of(new Entry(key, dir, glb, List.copyOf(stls), parts, bbox));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The entry file's modification time is its last use, for the size bound and for manual cleanup by age. */
    private static void markUsed(Entry entry) {
        try {
            Files.setLastModifiedTime(entry.dir().resolve(ENTRY_FILE), FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // read-only storage: the entry is still valid, only its age is not refreshed
        }
    }

    private static FileTime lastUse(Path entry) {
        try {
            return Files.getLastModifiedTime(entry.resolve(ENTRY_FILE));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
