package com.hartomat.comparison.pixels;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * The per-pixel difference of two images of equal size as a PNG heat map: each pixel's mean channel delta, multiplied
 * by {@code amplification} and clipped to 1, coloured black (equal) through red and yellow to white (largest).
 */
public final class DiffHeatMap {

    private DiffHeatMap() {
    }

    public static void write(Pixels a, Pixels b, double amplification, Path target) throws IOException {
        int w = a.width();
        int h = a.height();
        BufferedImage map = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((DataBufferByte) map.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < w * h; p++) {
            double v = Math.min(1.0, PixelDelta.pixel(a, b, p) * amplification);
            double scaled = v * 3.0;
            int r = channel(scaled);
            int g = channel(scaled - 1.0);
            int bl = channel(scaled - 2.0);
            out[p * 3] = (byte) bl;
            out[p * 3 + 1] = (byte) g;
            out[p * 3 + 2] = (byte) r;
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        if (!ImageIO.write(map, "png", partial.toFile())) {
            throw new IOException("no PNG writer available");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static int channel(double value) {
        return (int) Math.round(Math.max(0.0, Math.min(1.0, value)) * 255.0);
    }
}
