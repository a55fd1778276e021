package com.hartomat.comparison.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a shadow run's observer output as the original system does: the file with the run's
 * {@code _shadow-<first 8 characters of the run id>} suffix beside the authoritative output, or such a file under
 * {@code step_files/renders/<order line id>/} in artifact storage. Paths are relative to the storage root.
 */
public final class ObserverLocator {

    private final Path root;

    public ObserverLocator(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static String suffix(String runId) {
        return "_shadow-" + runId.substring(0, Math.min(8, runId.length()));
    }

    /** The observer's path; when no file is found, the path it would have beside the authoritative output (or null). */
    public String observerPath(String authoritativePath, String orderLineId, String runId) {
        String suffix = suffix(runId);
        String beside = authoritativePath == null ? null : withSuffix(authoritativePath, suffix);
        if (beside != null && Files.isRegularFile(root.resolve(beside).normalize())) {
            return beside;
        }
        if (orderLineId != null) {
            String dir = "step_files/renders/" + orderLineId;
            Optional<String> found = inDirectory(dir, suffix);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return beside;
    }

    static String withSuffix(String path, String suffix) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(0, dot) + suffix + path.substring(dot) : path + suffix;
    }

    private Optional<String> inDirectory(String relativeDir, String suffix) {
        Path dir = root.resolve(relativeDir).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> stem(name).endsWith(suffix))
                    .sorted()
                    .findFirst()
                    .map(name -> relativeDir + "/" + name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
