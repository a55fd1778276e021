package com.hartomat.comparison.compare;

import com.hartomat.comparison.pixels.DiffHeatMap;
import com.hartomat.comparison.pixels.ImageDecoder;
import com.hartomat.comparison.pixels.ImageRejected;
import com.hartomat.comparison.pixels.PixelDelta;
import com.hartomat.comparison.pixels.Pixels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Compares the authoritative output of a shadow pair with the observer output, files under the artifact storage root:
 * stills by decoded pixels, turntables frame by frame, anything else by sha256 and size. Never throws: input it
 * cannot compare (a missing, unreadable, truncated or oversized image, mismatched formats, a path outside the
 * storage root) becomes a {@link Measurement} with a {@code failureReason}.
 */
public final class PairComparator {

    private static final Logger LOG = Logger.getLogger(PairComparator.class);

    /** Where diff heat maps go, relative to the storage root: {@code comparisons/<run id>/diff.png}. */
    public static final String DIFF_DIR = "comparisons";

    private final Path root;
    private final ImageDecoder decoder;
    private final double amplification;
    private final Executor decodeExecutor;
    private final Semaphore slots;

    public PairComparator(Path root, ImageDecoder decoder, double amplification, Executor decodeExecutor) {
        this(root, decoder, amplification, decodeExecutor, Integer.MAX_VALUE);
    }

    /**
     * @param decodeExecutor decodes the observer image while the calling thread decodes the authoritative one: the two
     *     PNG streams are independent, and decoding dominates a comparison's time
     * @param concurrency how many comparisons may hold decoded images at once (the consumer and on-demand requests
     *     share them): decoded pixels are large, the heap is not
     */
    public PairComparator(Path root, ImageDecoder decoder, double amplification, Executor decodeExecutor,
            int concurrency) {
        this.root = root.toAbsolutePath().normalize();
        this.decoder = decoder;
        this.amplification = amplification;
        this.decodeExecutor = decodeExecutor;
        this.slots = new Semaphore(concurrency, true);
    }

    public Measurement compare(ComparisonInput in) {
        slots.acquireUninterruptibly();
        try {
            return compareNow(in);
        } finally {
            slots.release();
        }
    }

    private Measurement compareNow(ComparisonInput in) {
        boolean frames = !in.authoritativeFrames().isEmpty() || !in.observerFrames().isEmpty();
        ArtifactKind kind = frames ? ArtifactKind.FRAMES
                : (in.authoritative() != null && ArtifactKind.isImage(in.authoritative()))
                        || (in.observer() != null && ArtifactKind.isImage(in.observer())) ? ArtifactKind.IMAGE
                        : ArtifactKind.NOT_VISUAL;
        OutputReport authoritative = OutputReport.missing(in.authoritative() == null ? null : in.authoritative().path());
        OutputReport observer = OutputReport.missing(in.observer() == null ? null : in.observer().path());
        try {
            requireInsideRoot(in);
            authoritative = report(in.authoritative(), kind, in.authoritativeFrames());
            observer = report(in.observer(), kind, in.observerFrames());
            if (!authoritative.exists() || !observer.exists()) {
                return Measurement.missing(kind, authoritative, observer);
            }
            return switch (kind) {
                case IMAGE -> still(in, authoritative, observer);
                case FRAMES -> turntable(in, authoritative, observer);
                case NOT_VISUAL -> new Measurement(kind, authoritative, observer, sameBytes(authoritative, observer), null,
                        null, null, null, null);
            };
        } catch (ImageRejected e) {
            return Measurement.failed(kind, authoritative, observer, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "comparison of run %s failed", in.workflowRunId());
            return Measurement.failed(kind, authoritative, observer, "the outputs could not be read: " + e);
        }
    }

    private Measurement still(ComparisonInput in, OutputReport authoritative, OutputReport observer)
            throws ImageRejected, IOException {
        ImagePair pair = comparePair(file(in.authoritative()), file(in.observer()), sameBytes(authoritative, observer));
        String diff = null;
        if (pair.delta() != null && pair.delta() > 0) {
            diff = heatMap(in.workflowRunId(), "diff.png", pair.a(), pair.b());
        }
        return new Measurement(ArtifactKind.IMAGE, authoritative, observer, pair.exact(), pair.dimensionsMatch(),
                pair.delta(), null, diff, null);
    }

    private Measurement turntable(ComparisonInput in, OutputReport authoritative, OutputReport observer)
            throws ImageRejected, IOException {
        List<OutputRef> a = in.authoritativeFrames();
        List<OutputRef> b = in.observerFrames();
        if (a.size() != b.size()) {
            return new Measurement(ArtifactKind.FRAMES, authoritative, observer, false, null, null,
                    new FrameReport(a.size(), b.size(), null, null, List.of()), null, null);
        }
        List<Double> deltas = new ArrayList<>();
        boolean exact = sameBytes(authoritative, observer) || a.isEmpty();
        int worst = -1;
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            Path fa = file(a.get(i));
            Path fb = file(b.get(i));
            if (!Files.isRegularFile(fa) || !Files.isRegularFile(fb)) {
                throw new ImageRejected("frame " + i + " is missing on the "
                        + (Files.isRegularFile(fa) ? "observer" : "authoritative") + " side");
            }
            boolean frameExact = sha256(fa).equals(sha256(fb)) && Files.size(fa) == Files.size(fb);
            ImagePair pair;
            try {
                pair = comparePair(fa, fb, frameExact);
            } catch (ImageRejected e) {
                throw new ImageRejected("frame " + i + ": " + e.getMessage(), e);
            }
            if (!pair.dimensionsMatch()) {
                return new Measurement(ArtifactKind.FRAMES, authoritative, observer, false, false, null,
                        new FrameReport(a.size(), b.size(), i, null, deltas), null, null);
            }
            exact &= frameExact;
            deltas.add(pair.delta());
            total += pair.delta();
            if (worst < 0 || pair.delta() > deltas.get(worst)) {
                worst = i;
            }
        }
        double mean = a.isEmpty() ? 0.0 : total / a.size();
        String diff = null;
        if (worst >= 0 && deltas.get(worst) > 0) {
            ImagePair worstPair = comparePair(file(a.get(worst)), file(b.get(worst)), false);
            diff = heatMap(in.workflowRunId(), "diff-frame-" + worst + ".png", worstPair.a(), worstPair.b());
        }
        return new Measurement(ArtifactKind.FRAMES, authoritative, observer, exact, true, mean,
                new FrameReport(a.size(), b.size(), worst < 0 ? null : worst, worst < 0 ? null : deltas.get(worst), deltas),
                diff, null);
    }

    record ImagePair(boolean exact, boolean dimensionsMatch, Double delta, Pixels a, Pixels b) {
    }

    /** Headers first (format, dimensions, size limit), then both images decoded side by side. */
    private ImagePair comparePair(Path fa, Path fb, boolean exact) throws ImageRejected {
        ImageDecoder.Header ha = decoder.header(fa);
        ImageDecoder.Header hb = decoder.header(fb);
        decoder.requireWithinLimit(ha, fa);
        decoder.requireWithinLimit(hb, fb);
        if (exact) {
            return new ImagePair(true, true, 0.0, null, null);
        }
        if (!ha.format().equals(hb.format())) {
            throw new ImageRejected("mismatched formats: the authoritative output is " + ha.format()
                    + ", the observer output is " + hb.format());
        }
        if (ha.width() != hb.width() || ha.height() != hb.height()) {
            return new ImagePair(false, false, null, null, null);
        }
        CompletableFuture<Pixels> observer = CompletableFuture.supplyAsync(() -> {
            try {
                return decoder.decode(fb);
            } catch (ImageRejected e) {
                throw new CompletionException(e);
            }
        }, decodeExecutor);
        Pixels a;
        try {
            a = decoder.decode(fa);
        } catch (ImageRejected e) {
            observer.cancel(false);
            throw e;
        }
        Pixels b;
        try {
            b = observer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImageRejected rejected) {
                throw rejected;
            }
            throw e;
        }
        return new ImagePair(false, true, PixelDelta.mean(a, b), a, b);
    }

    private String heatMap(String runId, String name, Pixels a, Pixels b) {
        String relative = DIFF_DIR + "/" + safe(runId) + "/" + name;
        try {
            DiffHeatMap.write(a, b, amplification, root.resolve(relative));
            return relative;
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "diff image of run %s not written", runId);
            return null;
        }
    }

    private OutputReport report(OutputRef ref, ArtifactKind kind, List<OutputRef> frames) throws IOException {
        if (ref == null) {
            return OutputReport.missing(null);
        }
        Path file = file(ref);
        if (!Files.isRegularFile(file)) {
            return OutputReport.missing(ref.path());
        }
        Integer width = null;
        Integer height = null;
        Path header = kind == ArtifactKind.IMAGE ? file
                : kind == ArtifactKind.FRAMES && !frames.isEmpty() ? file(frames.get(0)) : null;
        if (header != null && Files.isRegularFile(header)) {
            try {
                ImageDecoder.Header h = decoder.header(header);
                width = h.width();
                height = h.height();
            } catch (ImageRejected e) {
                // reported as a failed comparison when the pixels are needed
            }
        }
        return new OutputReport(ref.path(), true, sha256(file), Files.size(file), width, height);
    }

    private static Boolean sameBytes(OutputReport a, OutputReport b) {
        return a.sha256().equals(b.sha256()) && a.sizeBytes().equals(b.sizeBytes());
    }

    private void requireInsideRoot(ComparisonInput in) throws ImageRejected {
        List<OutputRef> refs = new ArrayList<>();
        refs.add(in.authoritative());
        refs.add(in.observer());
        refs.addAll(in.authoritativeFrames());
        refs.addAll(in.observerFrames());
        for (OutputRef ref : refs) {
            if (ref != null && !file(ref).startsWith(root)) {
                throw new ImageRejected("path '" + ref.path() + "' is outside the artifact storage root");
            }
        }
    }

    private Path file(OutputRef ref) {
        return root.resolve(ref.path()).normalize();
    }

    private static String safe(String runId) {
        return runId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
