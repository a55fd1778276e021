package com.hartomat.comparison.compare;

import java.util.List;

/** A turntable compared frame by frame: the mean over frames, the worst frame and every frame's delta. */
public record FrameReport(int authoritativeFrameCount, int observerFrameCount, Integer worstFrameIndex,
        Double worstFrameDelta, List<Double> perFrameDeltas) {

    public boolean countsMatch() {
        return authoritativeFrameCount == observerFrameCount;
    }
}
