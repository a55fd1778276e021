package com.hartomat.comparison.compare;

/**
 * What comparing one pair found, before any verdict: which sides exist, whether the bytes are identical, whether
 * the dimensions (and frame counts) agree, the mean pixel delta, and why the comparison could not be made if so.
 */
public record Measurement(ArtifactKind kind, OutputReport authoritative, OutputReport observer, Boolean exactMatch,
        Boolean dimensionsMatch, Double meanPixelDelta, FrameReport frames, String diffImagePath, String failureReason) {

    public boolean frameCountsDiffer() {
        return frames != null && !frames.countsMatch();
    }

    public boolean visuallyComparable() {
        return kind != ArtifactKind.NOT_VISUAL;
    }

    static Measurement missing(ArtifactKind kind, OutputReport authoritative, OutputReport observer) {
        return new Measurement(kind, authoritative, observer, null, null, null, null, null, null);
    }

    static Measurement failed(ArtifactKind kind, OutputReport authoritative, OutputReport observer, String reason) {
        return new Measurement(kind, authoritative, observer, null, null, null, null, null, reason);
    }
}
