package com.hartomat.comparison.compare;

import java.util.Locale;

/** How a pair of outputs is compared. */
public enum ArtifactKind {
    /** A still image: decoded pixels. */
    IMAGE,
    /** A turntable: its kept frames, pairwise. */
    FRAMES,
    /** Anything that cannot be decoded to pixels here (.blend, a video without frames): sha256 and size only. */
    NOT_VISUAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static boolean isImage(OutputRef ref) {
        String media = ref.mediaType() == null ? "" : ref.mediaType().toLowerCase(Locale.ROOT);
        String path = ref.path().toLowerCase(Locale.ROOT);
        return media.equals("image/png") || media.equals("image/jpeg") || path.endsWith(".png") || path.endsWith(".jpg")
                || path.endsWith(".jpeg");
    }
}
