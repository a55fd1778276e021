package com.hartomat.worker.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch folders of the worker (a job's attempt directory, a mesh cache entry being built or set aside). */
public final class ScratchDirs {

    private ScratchDirs() {
    }

    /**
     * Deletes a folder and everything in it, as far as it can: what cannot be deleted stays (the next attempt
     * overwrites its scratch space, and a mesh cache entry's leftovers sit under its {@code .tmp} folder).
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left behind, see above
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // as above
        }
    }
}
