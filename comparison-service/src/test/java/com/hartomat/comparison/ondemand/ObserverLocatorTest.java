package com.hartomat.comparison.ondemand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserverLocatorTest {

    static final String RUN = "1a2b3c4d-0000-1111-2222-333344445555";

    @TempDir
    Path temp;

    Path root;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        root = temp.resolve("root");
    }

    void touch(String relative) throws Exception {
        Path file = root.resolve(relative).normalize();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    @Test
    void theShadowSuffixBesideTheAuthoritativeOutputComesFirst() throws Exception {
        touch("renders/ol/line.png");
        touch("renders/ol/line_shadow-1a2b3c4d.png");
        touch("step_files/renders/ol/line_ol_shadow-1a2b3c4d.png");
        assertEquals("renders/ol/line_shadow-1a2b3c4d.png",
                new ObserverLocator(root).observerPath("renders/ol/line.png", "ol", RUN));
    }

    @Test
    void otherwiseTheStepFilesRenderDirectoryOfTheOrderLine() throws Exception {
        touch("renders/ol/authoritative.png");
        touch("step_files/renders/ol/line_ol_shadow-9999aaaa.png");
        touch("step_files/renders/ol/line_ol_shadow-1a2b3c4d.png");
        assertEquals("step_files/renders/ol/line_ol_shadow-1a2b3c4d.png",
                new ObserverLocator(root).observerPath("renders/ol/authoritative.png", "ol", RUN));
    }

    @Test
    void withNoFileFoundThePathBesideTheAuthoritativeOutput() {
        assertEquals("renders/ol/line_shadow-1a2b3c4d.png",
                new ObserverLocator(root).observerPath("renders/ol/line.png", "ol", RUN));
        assertNull(new ObserverLocator(root).observerPath(null, "ol", RUN));
    }

    @Test
    void anOrderLineIdCannotLeadOutOfTheStorageRoot() throws Exception {
        touch("../elsewhere/x_shadow-1a2b3c4d.png");
        assertEquals(true, Files.exists(temp.resolve("elsewhere/x_shadow-1a2b3c4d.png")));
        assertNull(new ObserverLocator(root).observerPath(null, "../../../elsewhere", RUN));
    }
}
