package com.hartomat.dispatch.publication;

import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.api.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds the file of a stored artifact path in artifact storage. Paths are relative to the storage root; one that
 * resolves outside it (through {@code ..}, an absolute path or a symbolic link) is refused, so a row can never make
 * this service serve an arbitrary file. Blocking (file system): call from a worker thread.
 */
@ApplicationScoped
public class ArtifactFiles {

    private static final Logger LOG = Logger.getLogger(ArtifactFiles.class);

    private final Path root;

    public ArtifactFiles(DispatchConfig config) {
        this.root = config.storage().root().toAbsolutePath().normalize();
    }

    /** A regular file inside the root, with its size. */
    public record Located(Path file, long size) {
    }

    public Located locate(UUID assetId, String storedPath) {
        return locate("media asset '" + assetId + "'", storedPath);
    }

    /** {@code owner} names what the path belongs to in the errors, e.g. {@code media asset '<id>'}. */
    public Located locate(String owner, String storedPath) {
        Path candidate;
        try {
            candidate = root.resolve(storedPath).normalize();
        } catch (InvalidPathException e) {
            throw outside(owner, storedPath);
        }
        if (!candidate.startsWith(root)) {
            throw outside(owner, storedPath);
        }
        if (!Files.isRegularFile(candidate)) {
            throw missing(owner, storedPath);
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw outside(owner, storedPath);
            }
            return new Located(real, Files.size(real));
        } catch (java.nio.file.NoSuchFileException e) {
            throw missing(owner, storedPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + storedPath, e);
        }
    }

    private static ApiException outside(String owner, String storedPath) {
        LOG.warnf("%s names a path outside artifact storage: %s", owner, storedPath);
        return new ApiException(403, "path_outside_storage", owner + " names a path outside artifact storage", "/path");
    }

    private static ApiException missing(String owner, String storedPath) {
        return new ApiException(404, "content_missing",
                "the file of " + owner + " is not in artifact storage: " + storedPath, "/path");
    }
}
