package com.hartomat.comparison.pixels;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG (8 and 16 bit, grey, RGB, palette, with or without alpha) and JPEG with the JDK's ImageIO readers.
 * The declared dimensions are read from the header first and refused above {@code maxPixels} before any pixel
 * buffer is allocated (a small file can declare a huge image). Reader warnings (ImageIO's JPEG reader reports a
 * truncated file as a warning and fills the rest with grey) are treated as failures.
 */
public final class ImageDecoder {

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    static {
        ImageIO.setUseCache(false);
    }

    /** The header's format and dimensions, without decoding pixels. */
    public record Header(String format, int width, int height) {
    }

    public Header header(Path file) throws ImageRejected {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(in, file);
            try {
                return new Header(format(reader), reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageRejected(file.getFileName() + " is not a readable image: " + message(e), e);
        }
    }

    /** Refuses an image whose header declares more than {@code maxPixels} pixels, before anything is allocated. */
    public void requireWithinLimit(Header header, Path file) throws ImageRejected {
        if (header.width() <= 0 || header.height() <= 0 || (long) header.width() * header.height() > maxPixels) {
            throw new ImageRejected(file.getFileName() + " declares " + header.width() + "x" + header.height()
                    + " pixels, over the limit of " + maxPixels + " pixels; refused before decoding (possible decompression bomb)");
        }
    }

    public Pixels decode(Path file) throws ImageRejected {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(in, file);
            try {
                String format = format(reader);
                requireWithinLimit(new Header(format, reader.getWidth(0), reader.getHeight(0)), file);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new ImageRejected(file.getFileName() + " is damaged or truncated: " + String.join("; ", warnings));
                }
                return pixels(format, image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejected(file.getFileName() + " cannot be decoded (unreadable or truncated): " + message(e), e);
        }
    }

    private static ImageInputStream open(Path file) throws IOException, ImageRejected {
        if (!Files.isRegularFile(file)) {
            throw new ImageRejected(file.getFileName() + " does not exist");
        }
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new ImageRejected(file.getFileName() + " cannot be opened");
        }
        return in;
    }

    private static ImageReader reader(ImageInputStream in, Path file) throws ImageRejected {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format = format(reader);
            if (format.equals("png") || format.equals("jpeg")) {
                reader.setInput(in, true, true);
                return reader;
            }
            reader.dispose();
        }
        throw new ImageRejected(file.getFileName() + " is neither a PNG nor a JPEG image");
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT).equals("jpg") ? "jpeg"
                    : reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The decoded samples: interleaved bytes or shorts where the raster already is one interleaved array (the common
     * PNG and JPEG cases; reordered to R, G, B, A when the reader stores them as A, B, G, R or B, G, R), otherwise
     * converted to RGB(A) samples.
     */
    static Pixels pixels(String format, BufferedImage image) {
        Raster raster = image.getRaster();
        boolean alpha = image.getColorModel().hasAlpha();
        int bands = raster.getNumBands();
        int width = image.getWidth();
        int height = image.getHeight();
        if (!(image.getColorModel() instanceof IndexColorModel) && raster.getSampleModel() instanceof ComponentSampleModel csm
                && csm.getPixelStride() == bands && csm.getScanlineStride() == width * bands
                && raster.getDataBuffer().getNumBanks() == 1 && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer().getOffset() == 0
                && (bands == 3 || bands == 4) && !image.getColorModel().isAlphaPremultiplied()) {
            int[] offsets = csm.getBandOffsets();
            DataBuffer buffer = raster.getDataBuffer();
            if (buffer instanceof DataBufferByte bytes && csm.getSampleSize(0) == 8) {
                return reorder8(format, width, height, bands, alpha, bytes.getData(), offsets);
            }
            if (buffer instanceof DataBufferUShort shorts && csm.getSampleSize(0) == 16) {
                return reorder16(format, width, height, bands, alpha, shorts.getData(), offsets);
            }
        }
        return convert(format, image, raster, alpha);
    }

    /** Samples in R, G, B(, A) order; the array is reused when its bands already are in that order. */
    private static Pixels reorder8(String format, int w, int h, int bands, boolean alpha, byte[] data, int[] offsets) {
        if (inOrder(offsets)) {
            return Pixels.of8(format, w, h, bands, alpha, data);
        }
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += bands) {
            for (int b = 0; b < bands; b++) {
                out[i + b] = data[i + offsets[b]];
            }
        }
        return Pixels.of8(format, w, h, bands, alpha, out);
    }

    private static Pixels reorder16(String format, int w, int h, int bands, boolean alpha, short[] data, int[] offsets) {
        if (inOrder(offsets)) {
            return Pixels.of16(format, w, h, bands, alpha, data);
        }
        short[] out = new short[data.length];
        for (int i = 0; i < data.length; i += bands) {
            for (int b = 0; b < bands; b++) {
                out[i + b] = data[i + offsets[b]];
            }
        }
        return Pixels.of16(format, w, h, bands, alpha, out);
    }

    private static boolean inOrder(int[] offsets) {
        for (int b = 0; b < offsets.length; b++) {
            if (offsets[b] != b) {
                return false;
            }
        }
        return true;
    }

    /** Grey, grey + alpha, palette and other layouts: RGB(A) samples at the image's own bit depth (8 or 16). */
    private static Pixels convert(String format, BufferedImage image, Raster raster, boolean alpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = alpha ? 4 : 3;
        boolean sixteen = !(image.getColorModel() instanceof IndexColorModel) && raster.getSampleModel().getSampleSize(0) > 8;
        int bands = raster.getNumBands();
        boolean grey = bands <= 2 && !(image.getColorModel() instanceof IndexColorModel);
        if (sixteen && (grey || bands >= 3)) {
            short[] out = new short[w * h * channels];
            int[] px = new int[bands];
            int i = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.getPixel(x, y, px);
                    int r = px[0];
                    int g = grey ? px[0] : px[1];
                    int b = grey ? px[0] : px[2];
                    out[i++] = (short) r;
                    out[i++] = (short) g;
                    out[i++] = (short) b;
                    if (alpha) {
                        out[i++] = (short) px[bands - 1];
                    }
                }
            }
            return Pixels.of16(format, w, h, channels, alpha, out);
        }
        byte[] out = new byte[w * h * channels];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out[i++] = (byte) (argb >>> 16);
                out[i++] = (byte) (argb >>> 8);
                out[i++] = (byte) argb;
                if (alpha) {
                    out[i++] = (byte) (argb >>> 24);
                }
            }
        }
        return Pixels.of8(format, w, h, channels, alpha, out);
    }

    private static String message(Throwable e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }
}
