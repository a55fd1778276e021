package com.hartomat.comparison.gate;

/**
 * The mean pixel deltas that bound a verdict: at or under {@code pass} passes, at or under {@code warn} warns, above
 * fails. {@code blendSizeTolerance} is the relative size difference a non-visual output (.blend) may have to pass.
 */
public record Thresholds(double pass, double warn, double blendSizeTolerance) {

    public static final double DEFAULT_PASS = 0.0001;
    public static final double DEFAULT_WARN = 0.01;
    public static final double DEFAULT_BLEND_SIZE_TOLERANCE = 0.05;

    public static final Thresholds DEFAULTS = new Thresholds(DEFAULT_PASS, DEFAULT_WARN, DEFAULT_BLEND_SIZE_TOLERANCE);

    public Thresholds {
        if (!(pass >= 0) || !(warn >= pass) || !(warn <= 1) || !(blendSizeTolerance >= 0)) {
            throw new IllegalArgumentException("thresholds need 0 <= pass <= warn <= 1 and a tolerance >= 0, got pass "
                    + pass + ", warn " + warn + ", blend size tolerance " + blendSizeTolerance);
        }
    }
}
