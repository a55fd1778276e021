package com.hartomat.dispatch.context;

import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.api.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Puts uploaded STEP files into artifact storage ({@code step_files/<cad file id>/<name>}, relative to the storage
 * root) and hashes them on the way, after refusing an upload over {@code hartomat.uploads.max-bytes} (413) or one that
 * is no STEP file (422 {@code invalid_step_file}, {@link StepFileCheck}). Blocking file I/O: call from a worker thread.
 */
@ApplicationScoped
public class StepStorage {

    private final Path root;
    private final long maxBytes;

    public StepStorage(DispatchConfig config) {
        this.root = config.storage().root();
        this.maxBytes = config.uploads().maxBytes().asLongValue();
    }

    public record Stored(String originalName, String relativePath, String sha256, long size) {
    }

    public Stored store(UUID cadFileId, String originalName, Path upload) {
        String name = safeName(originalName);
        String lower = name.toLowerCase();
        if (!(lower.endsWith(".step") || lower.endsWith(".stp"))) {
            throw ApiException.invalid("unsupported_file_type", "only STEP files (.step, .stp) are accepted, got '"
                    + name + "'", "/file");
        }
        String relative = "step_files/" + cadFileId + "/" + name;
        Path target = root.resolve(relative);
        try {
            long declared = Files.size(upload);
            if (declared == 0) {
                throw ApiException.invalid("empty_file", "the uploaded STEP file is empty", "/file");
            }
            if (declared > maxBytes) {
                throw new ApiException(413, "upload_too_large", "the upload of " + declared
                        + " bytes exceeds the limit of " + maxBytes + " bytes (hartomat.uploads.max-bytes)", "/file");
            }
            try (InputStream in = Files.newInputStream(upload)) {
                StepFileCheck.problem(in).ifPresent(problem -> {
                    throw ApiException.invalid("invalid_step_file", "'" + name + "' is not a STEP file: " + problem, "/file");
                });
            }
            Files.createDirectories(target.getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(upload), sha);
                 OutputStream out = Files.newOutputStream(target)) {
                size = in.transferTo(out);
            }
            return new Stored(name, relative, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + relative, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The absolute location of a stored path (relative paths resolve against the storage root). */
    public Path resolve(String storedPath) {
        Path p = Path.of(storedPath);
        return p.isAbsolute() ? p : root.resolve(p);
    }

    public boolean exists(String storedPath) {
        return storedPath != null && Files.isRegularFile(resolve(storedPath));
    }

    private static String safeName(String name) {
        // the last segment by hand, not Path.of: a client's name may hold characters no path may (NUL)
        String base = name == null ? "upload.step" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isBlank() || base.startsWith(".") ? "upload.step" : base;
    }
}
