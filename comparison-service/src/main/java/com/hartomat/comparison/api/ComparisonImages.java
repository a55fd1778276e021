package com.hartomat.comparison.api;

import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.store.StoredComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which file of a stored comparison a picture request means (the authoritative output, the observer output, the diff
 * image), where it is in artifact storage, and its media type. Only the paths the comparison itself recorded are
 * served, and only inside the storage root (a path that leaves it, also through a symbolic link, is refused).
 */
public final class ComparisonImages {

    /** The pictures of a comparison, by the name the URL gives them. */
    public enum Side {
        AUTHORITATIVE("authoritative"), OBSERVER("observer"), DIFF("diff");

        final String wire;

        Side(String wire) {
            this.wire = wire;
        }

        static Side of(String wire) {
            for (Side side : values()) {
                if (side.wire.equals(wire)) {
                    return side;
                }
            }
            throw new ApiException(404, "unknown_image", "a comparison has the images authoritative, observer and diff; got '"
                    + wire + "'", "/side");
        }
    }

    /** A file to send: where it is and what it is. */
    public record Located(Path file, String mediaType) {
    }

    private static final Map<String, String> MEDIA_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "webp", "image/webp", "exr", "image/x-exr", "tif", "image/tiff", "tiff", "image/tiff",
            "mp4", "video/mp4", "webm", "video/webm");

    private final Path root;

    public ComparisonImages(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Located locate(StoredComparison comparison, String sideName) {
        Side side = Side.of(sideName);
        String stored = switch (side) {
            case AUTHORITATIVE -> comparison.authoritativeOutput() == null ? null : comparison.authoritativeOutput().path();
            case OBSERVER -> comparison.observerOutput() == null ? null : comparison.observerOutput().path();
            case DIFF -> comparison.diffImagePath();
        };
        if (stored == null || stored.isBlank()) {
            throw new ApiException(404, "image_not_recorded", "the comparison of run '" + comparison.workflowRunId()
                    + "' records no " + side.wire + " image", "/side");
        }
        Path candidate = root.resolve(stored).normalize();
        if (!candidate.startsWith(root)) {
            throw outside(side);
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real)) {
                throw Files.isRegularFile(real) ? outside(side) : missing(side, stored);
            }
            return new Located(real, mediaType(real));
        } catch (NoSuchFileException e) {
            throw missing(side, stored);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stored, e);
        }
    }

    static String mediaType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static ApiException outside(Side side) {
        return new ApiException(403, "path_outside_storage", "the " + side.wire + " image's path is outside artifact storage",
                "/side");
    }

    private static ApiException missing(Side side, String stored) {
        return new ApiException(404, "content_missing", "the " + side.wire + " image is not in artifact storage: " + stored,
                "/side");
    }
}
