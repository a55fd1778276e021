package com.hartomat.comparison.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.compare.OutputReport;
import com.hartomat.comparison.store.StoredComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonImagesTest {

    @TempDir
    Path storage;

    @TempDir
    Path elsewhere;

    private static StoredComparison comparison(String authoritative, String observer, String diff) {
        return new StoredComparison(UUID.randomUUID(), "req-1", "run-1", 1, "line-1", "ot-1", "wf-1", "shadow",
                "still_image", "image", "compared", false, true, 0.02, "differs", null, diff,
                authoritative == null ? null : new OutputReport(authoritative, true, null, null, 8, 8),
                observer == null ? null : new OutputReport(observer, true, null, null, 8, 8), null, Map.of(),
                Instant.EPOCH, Instant.EPOCH, null);
    }

    private Path file(String relative) throws Exception {
        Path f = storage.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {1, 2, 3});
        return f;
    }

    @Test
    void eachSideIsTheFileTheComparisonRecordedWithItsMediaType() throws Exception {
        Path a = file("renders/line-1/legacy.png");
        Path o = file("renders/line-1/graph.jpg");
        Path d = file("comparisons/run-1/diff.png");
        ComparisonImages images = new ComparisonImages(storage);
        StoredComparison c = comparison("renders/line-1/legacy.png", "renders/line-1/graph.jpg", "comparisons/run-1/diff.png");

        assertEquals(a.toRealPath(), images.locate(c, "authoritative").file());
        assertEquals("image/png", images.locate(c, "authoritative").mediaType());
        assertEquals(o.toRealPath(), images.locate(c, "observer").file());
        assertEquals("image/jpeg", images.locate(c, "observer").mediaType());
        assertEquals(d.toRealPath(), images.locate(c, "diff").file());
    }

    @Test
    void anUnknownSideAnUnrecordedImageAndAMissingFileAreNotFoundEachWithItsCode() throws Exception {
        ComparisonImages images = new ComparisonImages(storage);
        StoredComparison noDiff = comparison("a.png", "b.png", null);
        assertEquals("unknown_image", assertThrows(ApiException.class, () -> images.locate(noDiff, "thumbnail")).code());
        assertEquals("image_not_recorded", assertThrows(ApiException.class, () -> images.locate(noDiff, "diff")).code());
        ApiException missing = assertThrows(ApiException.class, () -> images.locate(noDiff, "authoritative"));
        assertEquals("content_missing", missing.code());
        assertEquals(404, missing.status());
    }

    @Test
    void aPathLeavingTheStorageRootIsRefusedAlsoThroughASymbolicLink() throws Exception {
        Files.write(elsewhere.resolve("secret.png"), new byte[] {9});
        Files.createDirectories(storage.resolve("renders"));
        Files.createSymbolicLink(storage.resolve("renders/link.png"), elsewhere.resolve("secret.png"));
        ComparisonImages images = new ComparisonImages(storage);

        ApiException dotDot = assertThrows(ApiException.class,
                () -> images.locate(comparison("../" + elsewhere.getFileName() + "/secret.png", null, null), "authoritative"));
        assertEquals("path_outside_storage", dotDot.code());
        assertEquals(403, dotDot.status());
        assertEquals("path_outside_storage", assertThrows(ApiException.class,
                () -> images.locate(comparison("renders/link.png", null, null), "authoritative")).code());
    }
}
