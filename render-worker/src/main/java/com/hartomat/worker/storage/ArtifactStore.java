package com.hartomat.worker.storage;

import com.hartomat.contracts.messages.Artifact;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Describes files written under the storage root as artifacts: relative path, media type, sha256, size, dimensions. */
public final class ArtifactStore {

    public static final String PNG = "image/png";
    public static final String MP4 = "video/mp4";
    public static final String BLEND = "application/x-blender";
    public static final String GLB = "model/gltf-binary";
    public static final String STL = "model/stl";
    public static final String JSON = "application/json";

    private final StoragePaths paths;

    public ArtifactStore(StoragePaths paths) {
        this.paths = paths;
    }

    public StoragePaths paths() {
        return paths;
    }

    public Artifact describe(String role, Path file, String mediaType, Integer width, Integer height, Integer frameCount) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("artifact missing after the job wrote it: " + file);
        }
        Integer w = width;
        Integer h = height;
        if (PNG.equals(mediaType) && (w == null || h == null)) {
            int[] size = pngSize(file);
            w = size[0];
            h = size[1];
        }
        try {
            return new Artifact(role, paths.relativize(file), mediaType, sha256(file), Files.size(file), w, h, frameCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Width and height from the image header, without decoding pixels. */
    static int[] pngSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalStateException("not an image: " + file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoded pixels (ARGB) of a PNG, for comparisons that must ignore metadata. */
    public static int[] pixels(Path png) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
