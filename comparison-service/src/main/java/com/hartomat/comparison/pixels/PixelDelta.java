package com.hartomat.comparison.pixels;

/**
 * The mean absolute per-channel difference of two decoded images of equal size, normalised to [0, 1]: the sum of
 * |a - b| over every channel of every pixel, divided by the sample count and the largest sample value. Alpha counts
 * as a channel; an image without alpha compared with one that has it counts as opaque. Mixed bit depths are compared
 * on the 16-bit scale (8-bit {@code v} as {@code v * 257}), which leaves 8-bit-only results unchanged.
 */
public final class PixelDelta {

    private PixelDelta() {
    }

    public static double mean(Pixels a, Pixels b) {
        requireSameSize(a, b);
        if (a.channels() == b.channels() && a.bytes() != null && b.bytes() != null) {
            return (double) sum(a.bytes(), b.bytes()) / ((double) a.sampleCount() * 255.0);
        }
        if (a.channels() == b.channels() && a.shorts() != null && b.shorts() != null) {
            return (double) sum(a.shorts(), b.shorts()) / ((double) a.sampleCount() * 65535.0);
        }
        int channels = Math.max(a.channels(), b.channels());
        long total = 0;
        int pixels = a.width() * a.height();
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                total += Math.abs(sample16(a, p, c) - sample16(b, p, c));
            }
        }
        return (double) total / ((double) pixels * channels * 65535.0);
    }

    /** The mean absolute difference of one pixel over its channels, normalised to [0, 1]. */
    public static double pixel(Pixels a, Pixels b, int p) {
        int channels = Math.max(a.channels(), b.channels());
        long total = 0;
        for (int c = 0; c < channels; c++) {
            total += Math.abs(sample16(a, p, c) - sample16(b, p, c));
        }
        return total / (channels * 65535.0);
    }

    /** A missing channel is the alpha of an image without one: opaque. */
    private static int sample16(Pixels image, int p, int c) {
        return c < image.channels() ? image.sample16(p * image.channels() + c) : 65535;
    }

    static long sum(byte[] a, byte[] b) {
        long total = 0;
        // int partial sums: at most 2^23 samples of 255 fit, so the inner block stays in int arithmetic
        for (int start = 0; start < a.length; start += 1 << 22) {
            int end = Math.min(a.length, start + (1 << 22));
            int partial = 0;
            for (int i = start; i < end; i++) {
                partial += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
            total += partial;
        }
        return total;
    }

    static long sum(short[] a, short[] b) {
        long total = 0;
        for (int i = 0; i < a.length; i++) {
            total += Math.abs((a[i] & 0xffff) - (b[i] & 0xffff));
        }
        return total;
    }

    private static void requireSameSize(Pixels a, Pixels b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height() + " vs "
                    + b.width() + "x" + b.height());
        }
    }
}
