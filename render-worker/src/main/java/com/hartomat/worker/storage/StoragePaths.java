package com.hartomat.worker.storage;

import com.hartomat.worker.jobs.JobFailure;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves paths named in jobs strictly inside the artifact storage root: job input is relative, never
 * absolute, never climbs with {@code ..}; anything else is an {@code invalid_job}.
 */
public final class StoragePaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Path root;

    public StoragePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A path a job names (e.g. {@code inputs.step_path}), resolved inside the root. */
    public Path resolve(String field, String relative) {
        if (relative == null || relative.isBlank()) {
            throw JobFailure.invalid(field + " is empty");
        }
        if (relative.indexOf('\0') >= 0 || relative.startsWith("/") || relative.startsWith("\\")
                || relative.matches("^[A-Za-z]:.*")) {
            throw JobFailure.invalid(field + " must be relative to the storage root: " + relative);
        }
        Path candidate;
        try {
            candidate = Path.of(relative);
        } catch (InvalidPathException e) {
            throw JobFailure.invalid(field + " is not a path: " + relative);
        }
        if (candidate.isAbsolute()) {
            throw JobFailure.invalid(field + " must be relative to the storage root: " + relative);
        }
        for (Path part : candidate) {
            if (part.toString().equals("..")) {
                throw JobFailure.invalid(field + " must not contain '..': " + relative);
            }
        }
        Path resolved = root.resolve(candidate).normalize();
        if (!resolved.startsWith(root)) {
            throw JobFailure.invalid(field + " escapes the storage root: " + relative);
        }
        return resolved;
    }

    /** Like {@link #resolve} and the file must exist (else {@code input_missing}); symlinks may not lead outside. */
    public Path existingFile(String field, String relative) {
        Path path = resolve(field, relative);
        if (!Files.isRegularFile(path)) {
            throw JobFailure.missing(field + " not found in artifact storage: " + relative);
        }
        try {
            if (!path.toRealPath().startsWith(root.toRealPath())) {
                throw JobFailure.invalid(field + " links outside the storage root: " + relative);
            }
        } catch (java.io.IOException e) {
            throw JobFailure.missing(field + " not readable: " + relative);
        }
        return path;
    }

    /** The path of {@code absolute} relative to the root, with forward slashes, as artifacts report it. */
    public String relativize(Path absolute) {
        return root.relativize(absolute.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** An id used as one directory or file-name segment (order line, CAD file). */
    public static String segment(String field, String id) {
        if (id == null || !SEGMENT.matcher(id).matches() || id.contains("..")) {
            throw JobFailure.invalid(field + " cannot be used in an artifact path: " + id);
        }
        return id;
    }
}
