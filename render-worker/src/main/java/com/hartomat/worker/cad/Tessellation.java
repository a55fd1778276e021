package com.hartomat.worker.cad;

/**
 * How finely gmsh meshes curved faces ({@code -clcurv}: elements per 2π of curvature), from the largest output the
 * meshes are made for. A circle of radius R pixels cut into N straight segments deviates from the true curve by
 * R·(1 − cos(π/N)) pixels at most (the sagitta); the worst case is a curved face as large as the frame, R = half the
 * longer side. N is the smallest count that keeps that deviation within the tolerance, never below the configured
 * count and never above {@link #MAX_ELEMENTS} (meshing time grows with the square of N). The result is one setting per
 * worker, not per job: a legacy render and its shadow, and a render from the CAD file's GLB, see the same mesh.
 */
public final class Tessellation {

    /** Above this, gmsh takes far longer than the render at any size this suite makes. */
    public static final int MAX_ELEMENTS = 96;

    private Tessellation() {
    }

    /**
     * @param configured  {@code hartomat.gmsh.curvature-elements}, the floor
     * @param designSizePx the longer side of the largest output in pixels; 0 or less keeps {@code configured}
     * @param tolerancePx  the largest silhouette deviation allowed, in pixels
     */
    public static int curvatureElements(int configured, int designSizePx, double tolerancePx) {
        if (designSizePx <= 0 || tolerancePx <= 0) {
            return configured;
        }
        double radius = designSizePx / 2.0;
        if (tolerancePx >= radius) {
            return configured;
        }
        int needed = (int) Math.ceil(Math.PI / Math.acos(1.0 - tolerancePx / radius));
        return Math.max(configured, Math.min(MAX_ELEMENTS, needed));
    }
}
