package com.hartomat.comparison.bench;

import com.hartomat.comparison.compare.ComparisonInput;
import com.hartomat.comparison.compare.Measurement;
import com.hartomat.comparison.compare.OutputRef;
import com.hartomat.comparison.compare.PairComparator;
import com.hartomat.comparison.pixels.ImageDecoder;
import com.hartomat.comparison.pixels.PixelDelta;
import com.hartomat.comparison.pixels.Pixels;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Compares two 2048x2048 RGBA PNGs with this service's engine and with OpenImageIO's {@code idiff}, side by side in
 * one run, and prints both wall times (median of the timed rounds) and both mean deltas. The pair is render-like: a
 * shaded gradient with discs and mild per-pixel noise, the observer drawn with another noise seed. Alpha is opaque
 * because idiff premultiplies a PNG's alpha on reading, which this service (like the original system) does not.
 *
 * <p>Timed: "pixels" is decode both + mean delta, which is what {@code idiff} does; "full" is the service's whole
 * {@link PairComparator#compare} (headers, sha256 of both files, decode, delta, and the diff heat map it writes for
 * every nonzero delta). idiff's time includes its process start-up, as an operator running it would see.
 */
public final class ComparisonBenchmark {

    private static final int SIZE = 2048;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Files.createDirectories(dir);
        Path a = dir.resolve("authoritative.png");
        Path b = dir.resolve("observer.png");
        write(a, 1);
        write(b, 2);
        System.out.printf(Locale.ROOT, "pair: %dx%d RGBA 8-bit PNGs, %d and %d bytes (%s)%n", SIZE, SIZE, Files.size(a),
                Files.size(b), dir);
        System.out.printf(Locale.ROOT, "cpus: %d, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        ImageDecoder decoder = new ImageDecoder(100_000_000L);
        ExecutorService decodeThreads = Executors.newFixedThreadPool(2);
        PairComparator comparator = new PairComparator(dir, decoder, 10.0, decodeThreads);
        ComparisonInput input = new ComparisonInput("bench", new OutputRef("authoritative.png", "image/png"),
                new OutputRef("observer.png", "image/png"), List.of(), List.of());

        double[] ours = new double[1];
        List<Long> pixelTimes = new ArrayList<>();
        List<Long> fullTimes = new ArrayList<>();
        List<Long> idiffTimes = new ArrayList<>();
        double idiffMean = Double.NaN;
        String idiffPrinted = "";
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long t0 = System.nanoTime();
            CompletableFuture<Pixels> observer = CompletableFuture.supplyAsync(() -> decode(decoder, b), decodeThreads);
            Pixels pa = decode(decoder, a);
            ours[0] = PixelDelta.mean(pa, observer.join());
            long t1 = System.nanoTime();
            Measurement m = comparator.compare(input);
            long t2 = System.nanoTime();
            if (Math.abs(m.meanPixelDelta() - ours[0]) > 1e-12) {
                throw new IllegalStateException("engine and pixel path disagree");
            }
            long t3 = System.nanoTime();
            idiffPrinted = idiff(a, b);
            idiffMean = Double.parseDouble(idiffPrinted);
            long t4 = System.nanoTime();
            if (round >= WARMUP) {
                pixelTimes.add(t1 - t0);
                fullTimes.add(t2 - t1);
                idiffTimes.add(t4 - t3);
            }
        }
        decodeThreads.shutdown();
        double pixelMs = median(pixelTimes);
        double fullMs = median(fullTimes);
        double idiffMs = median(idiffTimes);
        System.out.printf(Locale.ROOT, "rounds: %d timed after %d warm-up, medians%n", ROUNDS, WARMUP);
        System.out.printf(Locale.ROOT, "comparison-service pixels (decode both + mean delta): %8.1f ms  mean delta %.9f%n",
                pixelMs, ours[0]);
        System.out.printf(Locale.ROOT, "comparison-service full compare (+ sha256, heat map):  %8.1f ms%n", fullMs);
        System.out.printf(Locale.ROOT, "idiff (process wall time):                            %8.1f ms  mean error %s%n",
                idiffMs, idiffPrinted);
        System.out.printf(Locale.ROOT, "ratio pixels/idiff: %.2f (target <= 0.80), full/idiff: %.2f%n", pixelMs / idiffMs,
                fullMs / idiffMs);
        double difference = Math.abs(ours[0] - idiffMean);
        System.out.printf(Locale.ROOT, "|delta - idiff| = %.2e (idiff prints 6 significant digits; agree to 1e-6: %s)%n",
                difference, difference <= 1e-6 ? "yes" : "NO");
    }

    private static Pixels decode(ImageDecoder decoder, Path file) {
        try {
            return decoder.decode(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code idiff a b} and returns its "Mean error" as printed. */
    static String idiff(Path a, Path b) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("idiff", a.toString(), b.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        process.waitFor();
        Matcher m = Pattern.compile("Mean error = ([0-9.eE+-]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("idiff printed no mean error (is openimageio-tools installed?):\n" + out);
        }
        return m.group(1);
    }

    /** A render-like image: a lit gradient, a few discs, mild noise from {@code seed}; opaque. */
    static void write(Path file, long seed) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Random noise = new Random(seed);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int r = 40 + x * 150 / SIZE;
                int g = 60 + y * 120 / SIZE;
                int bl = 90 + (x + y) * 80 / (2 * SIZE);
                for (int d = 0; d < 3; d++) {
                    int cx = 500 + d * 500;
                    int cy = 700 + d * 300;
                    int dx = x - cx;
                    int dy = y - cy;
                    if (dx * dx + dy * dy < 300 * 300) {
                        int shade = 255 - (int) Math.sqrt(dx * dx + dy * dy) / 2;
                        r = shade * (d == 0 ? 1 : 0) + r / 4;
                        g = shade * (d == 1 ? 1 : 0) + g / 4;
                        bl = shade * (d == 2 ? 1 : 0) + bl / 4;
                    }
                }
                int n = noise.nextInt(5) - 2;
                px[y * SIZE + x] = 0xff000000 | clamp(r + n) << 16 | clamp(g + n) << 8 | clamp(bl + n);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        Files.write(file, out.toByteArray());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
