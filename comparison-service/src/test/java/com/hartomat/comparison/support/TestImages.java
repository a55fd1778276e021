package com.hartomat.comparison.support;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Small test images written in Java (no binaries in the repository). */
public final class TestImages {

    private TestImages() {
    }

    /** An 8-bit RGBA image of one colour. */
    public static BufferedImage rgba(int w, int h, int r, int g, int b, int a) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int argb = (a << 24) | (r << 16) | (g << 8) | b;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    public static BufferedImage rgb(int w, int h, int r, int g, int b) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** An 8-bit RGBA image of pseudo-random pixels (opaque unless {@code alpha}). */
    public static BufferedImage noise(int w, int h, long seed, boolean alpha) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = alpha ? random.nextInt(256) : 255;
                image.setRGB(x, y, (a << 24) | (random.nextInt(1 << 24)));
            }
        }
        return image;
    }

    /** A 16-bit RGBA image of one colour (samples 0..65535). */
    public static BufferedImage rgba16(int w, int h, int r, int g, int b, int a) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16, 16}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        int[] px = {r, g, b, a};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, px);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    public static Path png(Path file, BufferedImage image) {
        return write(file, image, "png");
    }

    public static Path jpeg(Path file, BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return write(file, rgb, "jpeg");
    }

    /** A PNG with a {@code tEXt} chunk, as renderers write their render time. */
    public static Path pngWithText(Path file, BufferedImage image, String keyword, String value) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", keyword);
            entry.setAttribute("value", value);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            writer.dispose();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code fraction} of a file's bytes: a download or a write cut short. */
    public static Path truncated(Path source, Path target, double fraction) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            Files.createDirectories(target.getParent());
            Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid-looking PNG of a few hundred bytes whose header declares {@code w x h} RGBA pixels (a decompression
     * bomb: decoding it would allocate {@code 4 w h} bytes).
     */
    public static Path bomb(Path file, int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 6).put((byte) 0)
                    .put((byte) 0).put((byte) 0).array());
            Deflater deflater = new Deflater(9);
            deflater.setInput(new byte[64 * 1024]);
            deflater.finish();
            byte[] buffer = new byte[4096];
            int n = deflater.deflate(buffer);
            chunk(out, "IDAT", Arrays.copyOf(buffer, n));
            chunk(out, "IEND", new byte[0]);
            Files.createDirectories(file.getParent());
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for this image type");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
