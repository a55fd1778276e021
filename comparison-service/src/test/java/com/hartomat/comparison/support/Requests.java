package com.hartomat.comparison.support;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ComparisonRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Comparison requests as dispatch publishes them, for files written under the test storage root. */
public final class Requests {

    private Requests() {
    }

    public static Path root() {
        return Path.of(ConfigProvider.getConfig().getValue("hartomat.storage.root", String.class));
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** A still pair; {@code observer} null for a run whose observer produced nothing. */
    public static ComparisonRequest still(String runId, String outputTypeId, String authoritative, String observer) {
        return still(runId, outputTypeId, "wf-" + outputTypeId, authoritative, observer);
    }

    /** A still pair of the workflow {@code workflowId}. */
    public static ComparisonRequest still(String runId, String outputTypeId, String workflowId, String authoritative,
            String observer) {
        return new ComparisonRequest(id(), runId, id(), outputTypeId, workflowId, "still_image",
                artifact(authoritative), observer == null ? null : artifact(observer), List.of(), List.of(), null,
                observer == null ? new ComparisonRequest.SideFailure("observer_failed", "node 'render' failed") : null,
                Instant.now());
    }

    public static Artifact artifact(String relative) {
        Path file = root().resolve(relative);
        try {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            String media = relative.endsWith(".png") ? "image/png" : relative.endsWith(".jpg") ? "image/jpeg"
                    : "application/octet-stream";
            return new Artifact("still", relative, media, sha, bytes.length, null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
