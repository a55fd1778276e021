package com.hartomat.comparison.pixels;

/**
 * A decoded image as interleaved samples in a channel order shared by both sides of a comparison. Samples are
 * unsigned: {@code byte[]} for 8-bit images, {@code short[]} for 16-bit ones ({@code maxValue} 255 or 65535).
 */
public record Pixels(String format, int width, int height, int channels, boolean alpha, int maxValue,
        byte[] bytes, short[] shorts) {

    public static Pixels of8(String format, int width, int height, int channels, boolean alpha, byte[] samples) {
        return new Pixels(format, width, height, channels, alpha, 255, samples, null);
    }

    public static Pixels of16(String format, int width, int height, int channels, boolean alpha, short[] samples) {
        return new Pixels(format, width, height, channels, alpha, 65535, null, samples);
    }

    public int sampleCount() {
        return width * height * channels;
    }

    /** One sample scaled to 16 bits (8-bit {@code v} becomes {@code v * 257}, which maps 255 onto 65535 exactly). */
    public int sample16(int index) {
        return bytes != null ? (bytes[index] & 0xff) * 257 : shorts[index] & 0xffff;
    }
}
