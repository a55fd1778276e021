package com.hartomat.comparison.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.comparison.gate.ComparisonOutcome;
import com.hartomat.comparison.gate.ComparisonStatus;
import com.hartomat.comparison.gate.Thresholds;
import com.hartomat.comparison.pixels.ImageDecoder;
import com.hartomat.comparison.support.TestImages;
import com.hartomat.contracts.messages.Verdict;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's comparison cases and the bad-input cases, on files under a temporary storage root. */
class PairComparatorTest {

    static final String RUN = "5f0c2a9e-1111-2222-3333-444455556666";

    @TempDir
    Path root;

    PairComparator comparator() {
        return new PairComparator(root, new ImageDecoder(50_000_000L), 10.0, ForkJoinPool.commonPool());
    }

    ComparisonOutcome compare(String authoritative, String observer) {
        Measurement m = comparator().compare(new ComparisonInput(RUN, ref(authoritative), ref(observer), null, null));
        return ComparisonOutcome.decide(m, null, Thresholds.DEFAULTS, null);
    }

    static OutputRef ref(String path) {
        return path == null ? null : new OutputRef(path, null);
    }

    Path at(String relative) {
        return root.resolve(relative);
    }

    @Test
    void identicalShadowOutputIsAnExactMatch() {
        TestImages.png(at("renders/ol/authoritative.png"), TestImages.rgba(8, 8, 0, 128, 255, 255));
        TestImages.png(at("renders/ol/authoritative_shadow-5f0c2a9e.png"), TestImages.rgba(8, 8, 0, 128, 255, 255));
        ComparisonOutcome o = compare("renders/ol/authoritative.png", "renders/ol/authoritative_shadow-5f0c2a9e.png");
        assertEquals(ComparisonStatus.MATCHED, o.status());
        assertEquals(Boolean.TRUE, o.measurement().exactMatch());
        assertEquals(Boolean.TRUE, o.measurement().dimensionsMatch());
        assertEquals(0.0, o.measurement().meanPixelDelta());
        assertEquals("renders/ol/authoritative.png", o.measurement().authoritative().path());
        assertEquals(8, o.measurement().authoritative().imageWidth());
        assertEquals(8, o.measurement().observer().imageHeight());
        assertEquals(Verdict.PASS, o.decision().verdict());
        assertNull(o.measurement().diffImagePath());
    }

    @Test
    void metadataOnlyDifferenceIsMatchedButNotExact() {
        BufferedImage image = TestImages.rgba(8, 8, 0, 128, 255, 255);
        TestImages.pngWithText(at("a.png"), image, "Date", "2026-04-07 10:38:23");
        TestImages.pngWithText(at("b.png"), image, "Date", "2026-04-07 10:40:45");
        ComparisonOutcome o = compare("a.png", "b.png");
        assertEquals(ComparisonStatus.MATCHED, o.status());
        assertEquals(Boolean.FALSE, o.measurement().exactMatch());
        assertEquals(Boolean.TRUE, o.measurement().dimensionsMatch());
        assertEquals(0.0, o.measurement().meanPixelDelta());
        assertEquals("Observer output matches the authoritative legacy output within the visual pass threshold.",
                o.summary());
        assertFalse(o.measurement().authoritative().sha256().equals(o.measurement().observer().sha256()));
        assertNull(o.measurement().diffImagePath(), "no pixel differs: nothing to look at");
    }

    @Test
    void missingShadowOutputIsMissingObserver() {
        TestImages.png(at("a.png"), TestImages.rgba(4, 4, 255, 64, 64, 255));
        ComparisonOutcome o = compare("a.png", "a_shadow-5f0c2a9e.png");
        assertEquals(ComparisonStatus.MISSING_OBSERVER, o.status());
        assertNull(o.measurement().exactMatch());
        assertFalse(o.measurement().observer().exists());
        assertTrue(o.measurement().authoritative().exists());
        assertEquals(Verdict.FAIL, o.decision().verdict());
        assertTrue(o.decision().reasons().stream().anyMatch(r -> r.contains("Observer workflow output is missing")));
    }

    @Test
    void missingAuthoritativeOutputIsMissingAuthoritative() {
        TestImages.png(at("b.png"), TestImages.rgba(4, 4, 255, 64, 64, 255));
        ComparisonOutcome o = compare(null, "b.png");
        assertEquals(ComparisonStatus.MISSING_AUTHORITATIVE, o.status());
        assertEquals(Verdict.FAIL, o.decision().verdict());
    }

    @Test
    void nearZeroVisualDeltaIsAMatchAndGetsADiffImage() throws Exception {
        BufferedImage a = TestImages.rgba(1024, 1024, 106, 106, 106, 255);
        BufferedImage b = TestImages.rgba(1024, 1024, 106, 106, 106, 255);
        b.setRGB(444, 137, (255 << 24) | (106 << 16) | (106 << 8) | 107);
        b.setRGB(651, 142, (255 << 24) | (105 << 16) | (106 << 8) | 106);
        TestImages.png(at("a.png"), a);
        TestImages.png(at("b.png"), b);
        ComparisonOutcome o = compare("a.png", "b.png");
        assertEquals(ComparisonStatus.MATCHED, o.status());
        assertEquals(Boolean.FALSE, o.measurement().exactMatch());
        assertEquals(2.0 / (1024.0 * 1024 * 4 * 255), o.measurement().meanPixelDelta(), 1e-18);
        assertTrue(o.measurement().meanPixelDelta() <= 1e-6);
        assertEquals(Verdict.PASS, o.decision().verdict());
        assertEquals("comparisons/" + RUN + "/diff.png", o.measurement().diffImagePath());
        BufferedImage diff = ImageIO.read(root.resolve(o.measurement().diffImagePath()).toFile());
        assertEquals(1024, diff.getWidth());
        assertTrue((diff.getRGB(444, 137) & 0xffffff) != 0, "the changed pixel shows in the heat map");
        assertEquals(0, diff.getRGB(0, 0) & 0xffffff, "an unchanged pixel is black");
    }

    @Test
    void oneChannelOffByOneEverywhereWarnsAsAMismatch() {
        TestImages.png(at("a.png"), TestImages.rgba(16, 16, 0, 128, 255, 255));
        TestImages.png(at("b.png"), TestImages.rgba(16, 16, 0, 129, 255, 255));
        ComparisonOutcome o = compare("a.png", "b.png");
        assertEquals(1.0 / (4 * 255), o.measurement().meanPixelDelta(), 1e-15);
        assertEquals(ComparisonStatus.MISMATCHED, o.status());
        assertEquals(Verdict.WARN, o.decision().verdict());
        assertEquals("hold_legacy_authoritative", o.decision().status());
        assertTrue(Files.isRegularFile(root.resolve(o.measurement().diffImagePath())));
    }

    @Test
    void sixteenBitPngsAreComparedAtTheirOwnDepth() {
        TestImages.png(at("a16.png"), TestImages.rgba16(8, 8, 1000, 2000, 3000, 65535));
        TestImages.png(at("b16.png"), TestImages.rgba16(8, 8, 1000, 2000, 3001, 65535));
        ComparisonOutcome o = compare("a16.png", "b16.png");
        assertEquals(1.0 / (4 * 65535), o.measurement().meanPixelDelta(), 1e-15);
        assertEquals(ComparisonStatus.MATCHED, o.status(), "one 16-bit level is far under the pass threshold");
    }

    @Test
    void aSixteenBitPngEqualsItsEightBitCounterpart() {
        TestImages.png(at("a16.png"), TestImages.rgba16(8, 8, 100 * 257, 20 * 257, 255 * 257, 65535));
        TestImages.png(at("b8.png"), TestImages.rgba(8, 8, 100, 20, 255, 255));
        ComparisonOutcome o = compare("a16.png", "b8.png");
        assertEquals(0.0, o.measurement().meanPixelDelta());
        assertEquals(ComparisonStatus.MATCHED, o.status());
    }

    @Test
    void anOpaqueRgbPngEqualsTheSameColoursWithAlpha() {
        TestImages.png(at("rgb.png"), TestImages.rgb(8, 8, 10, 20, 30));
        TestImages.png(at("rgba.png"), TestImages.rgba(8, 8, 10, 20, 30, 255));
        assertEquals(0.0, compare("rgb.png", "rgba.png").measurement().meanPixelDelta());
        TestImages.png(at("half.png"), TestImages.rgba(8, 8, 10, 20, 30, 0));
        assertEquals(255.0 / (4 * 255), compare("rgb.png", "half.png").measurement().meanPixelDelta(), 1e-12,
                "a missing alpha counts as opaque");
    }

    @Test
    void jpegsAreComparedByDecodedPixels() throws Exception {
        BufferedImage image = TestImages.noise(32, 32, 7, false);
        TestImages.jpeg(at("a.jpg"), image);
        Files.copy(at("a.jpg"), at("b.jpg"));
        ComparisonOutcome same = compare("a.jpg", "b.jpg");
        assertEquals(Boolean.TRUE, same.measurement().exactMatch());
        TestImages.jpeg(at("c.jpg"), TestImages.noise(32, 32, 8, false));
        ComparisonOutcome different = compare("a.jpg", "c.jpg");
        assertTrue(different.measurement().meanPixelDelta() > 0.1, "unrelated noise differs a lot");
        assertEquals(Verdict.FAIL, different.decision().verdict());
        assertNotNull(different.measurement().diffImagePath());
    }

    @Test
    void dimensionMismatchFails() {
        TestImages.png(at("a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.png(at("b.png"), TestImages.rgba(8, 9, 1, 2, 3, 255));
        ComparisonOutcome o = compare("a.png", "b.png");
        assertEquals(ComparisonStatus.DIMENSION_MISMATCH, o.status());
        assertEquals(Boolean.FALSE, o.measurement().dimensionsMatch());
        assertNull(o.measurement().meanPixelDelta());
        assertEquals(Verdict.FAIL, o.decision().verdict());
        assertEquals(9, o.measurement().observer().imageHeight());
    }

    @Test
    void turntableFramesAreComparedPairwise() {
        for (int i = 0; i < 3; i++) {
            TestImages.png(at("t/a_" + i + ".png"), TestImages.rgba(8, 8, 50, 50, 50, 255));
            TestImages.png(at("t/b_" + i + ".png"), TestImages.rgba(8, 8, 50, 50, i == 1 ? 60 : 50, 255));
        }
        writeBytes("t/a.mp4", 10);
        writeBytes("t/b.mp4", 11);
        Measurement m = comparator().compare(new ComparisonInput(RUN, new OutputRef("t/a.mp4", "video/mp4"),
                new OutputRef("t/b.mp4", "video/mp4"), frames("t/a_"), frames("t/b_")));
        assertEquals(ArtifactKind.FRAMES, m.kind());
        assertEquals(3, m.frames().perFrameDeltas().size());
        double frameDelta = 10.0 / (4 * 255);
        assertEquals(List.of(0.0, frameDelta, 0.0), m.frames().perFrameDeltas());
        assertEquals(1, m.frames().worstFrameIndex());
        assertEquals(frameDelta / 3, m.meanPixelDelta(), 1e-15);
        assertEquals("comparisons/" + RUN + "/diff-frame-1.png", m.diffImagePath());
        assertEquals(8, m.authoritative().imageWidth());
    }

    @Test
    void turntablesWithDifferentFrameCountsFail() {
        for (int i = 0; i < 3; i++) {
            TestImages.png(at("t/a_" + i + ".png"), TestImages.rgba(8, 8, 50, 50, 50, 255));
            TestImages.png(at("t/b_" + i + ".png"), TestImages.rgba(8, 8, 50, 50, 50, 255));
        }
        writeBytes("t/a.mp4", 10);
        writeBytes("t/b.mp4", 10);
        Measurement m = comparator().compare(new ComparisonInput(RUN, new OutputRef("t/a.mp4", "video/mp4"),
                new OutputRef("t/b.mp4", "video/mp4"), frames("t/a_"), frames("t/b_").subList(0, 2)));
        ComparisonOutcome o = ComparisonOutcome.decide(m, null, Thresholds.DEFAULTS, null);
        assertEquals(ComparisonStatus.MISMATCHED, o.status());
        assertEquals(Verdict.FAIL, o.decision().verdict());
        assertEquals(ComparisonOutcome.FRAME_COUNTS, o.summary());
    }

    @Test
    void blendFilesAreComparedByHashAndSizeAndJudgedByRule() {
        writeBytes("a.blend", 1000);
        writeBytes("same.blend", 1000);
        writeBytes("close.blend", 1030);
        writeBytes("far.blend", 2000);
        ComparisonOutcome same = compare("a.blend", "same.blend");
        assertEquals(ArtifactKind.NOT_VISUAL, same.measurement().kind());
        assertEquals(Boolean.TRUE, same.measurement().exactMatch());
        assertEquals(Verdict.PASS, same.decision().verdict());
        ComparisonOutcome close = compare("a.blend", "close.blend");
        assertEquals(Boolean.FALSE, close.measurement().exactMatch());
        assertNull(close.measurement().meanPixelDelta());
        assertEquals(Verdict.PASS, close.decision().verdict());
        assertTrue(close.decision().reasons().get(0).startsWith("Output is not visually comparable"));
        ComparisonOutcome far = compare("a.blend", "far.blend");
        assertEquals(Verdict.WARN, far.decision().verdict());
        assertEquals(ComparisonStatus.MISMATCHED, far.status());
        assertEquals(ComparisonOutcome.NOT_VISUAL_HOLD, far.summary());
    }

    @Test
    void aTruncatedPngIsAFailedComparison() {
        TestImages.png(at("full.png"), TestImages.noise(64, 64, 1, true));
        TestImages.png(at("other.png"), TestImages.noise(64, 64, 2, true));
        TestImages.truncated(at("full.png"), at("cut.png"), 0.5);
        assertFailed(compare("other.png", "cut.png"), "cut.png");
    }

    @Test
    void aTruncatedJpegIsAFailedComparison() {
        TestImages.jpeg(at("full.jpg"), TestImages.noise(64, 64, 1, false));
        TestImages.jpeg(at("other.jpg"), TestImages.noise(64, 64, 2, false));
        TestImages.truncated(at("full.jpg"), at("cut.jpg"), 0.6);
        assertFailed(compare("other.jpg", "cut.jpg"), "cut.jpg");
    }

    @Test
    void anUnreadableFileIsAFailedComparison() {
        TestImages.png(at("a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        writeBytes("garbage.png", 300);
        assertFailed(compare("a.png", "garbage.png"), "neither a PNG nor a JPEG");
    }

    @Test
    void mismatchedFormatsAreAFailedComparison() {
        TestImages.png(at("a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.jpeg(at("b.jpg"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        assertFailed(compare("a.png", "b.jpg"), "mismatched formats");
    }

    @Test
    void aDecompressionBombIsRefusedBeforeDecoding() throws Exception {
        TestImages.png(at("a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        TestImages.bomb(at("bomb.png"), 100_000, 100_000);
        assertTrue(Files.size(at("bomb.png")) < 1000, "a small file");
        ComparisonOutcome o = compare("a.png", "bomb.png");
        assertFailed(o, "decompression bomb");
        assertEquals(100_000, o.measurement().observer().imageWidth(), "the declared size is reported");
        ComparisonOutcome both = compare("bomb.png", "bomb.png");
        assertEquals(ComparisonStatus.FAILED, both.status(), "even byte-identical bombs are refused");
    }

    @Test
    void aPathOutsideTheStorageRootIsRefused() {
        TestImages.png(at("a.png"), TestImages.rgba(8, 8, 1, 2, 3, 255));
        assertFailed(compare("a.png", "../outside.png"), "outside the artifact storage root");
    }

    private static void assertFailed(ComparisonOutcome o, String reasonPart) {
        assertEquals(ComparisonStatus.FAILED, o.status(), o.summary());
        assertTrue(o.measurement().failureReason().contains(reasonPart), o.measurement().failureReason());
        assertTrue(o.summary().startsWith("Comparison failed: "), o.summary());
        assertEquals(Verdict.FAIL, o.decision().verdict());
    }

    private List<OutputRef> frames(String prefix) {
        return List.of(new OutputRef(prefix + "0.png", "image/png"), new OutputRef(prefix + "1.png", "image/png"),
                new OutputRef(prefix + "2.png", "image/png"));
    }

    private void writeBytes(String relative, int size) {
        try {
            Files.createDirectories(at(relative).getParent());
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            Files.write(at(relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
