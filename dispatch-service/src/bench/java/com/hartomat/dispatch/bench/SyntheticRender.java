package com.hartomat.dispatch.bench;

import com.hartomat.contracts.codec.ContractSerializer;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.Timings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The render events a worker would send for one job, without Blender: {@code accepted}, {@code started} and
 * {@code completed} with one still artifact in the worker's layout ({@code renders/<ol>/line_<ol><suffix>.png},
 * role {@code still}, {@code image/png}). The artifact's size, sha256, width and height are those of a real PNG of
 * the job's resolution, generated once per resolution in memory; the file itself is not written to storage. Ids,
 * context, run, node and publication flags are carried over from the job exactly as the render worker's
 * {@code RenderEvents} does.
 */
final class SyntheticRender {

    static final String WORKER_ID = "bench-synthetic-worker";

    private static final Map<String, Png> PNGS = new ConcurrentHashMap<>();

    private SyntheticRender() {
    }

    /** A producer whose values go through the contracts' validating serializer (an invalid event never leaves). */
    static KafkaProducer<String, Object> producer(String bootstrapServers, int lingerMs) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                "linger.ms", lingerMs, "client.id", "bench-render-events"), new StringSerializer(),
                new ContractSerializer());
    }

    static RenderEvent accepted(RenderJob job, Instant now) {
        return event(job, RenderEventType.ACCEPTED, List.of(), null, new Timings(queuedMs(job, now), null, null, null),
                now);
    }

    static RenderEvent started(RenderJob job, Instant now) {
        return event(job, RenderEventType.STARTED, List.of(), null, new Timings(queuedMs(job, now), now, null, null),
                now);
    }

    /** {@code completed} with one still; {@code startedAt} is when the matching {@code started} was sent. */
    static RenderEvent completed(RenderJob job, Instant startedAt, Instant now) {
        int width = dimension(job, "width", 1024);
        int height = dimension(job, "height", 768);
        Png png = PNGS.computeIfAbsent(width + "x" + height, key -> Png.of(width, height));
        String line = job.context().orderLineId() != null ? job.context().orderLineId() : job.context().cadFileId();
        String suffix = job.outputNameSuffix() == null ? "" : "_" + job.outputNameSuffix();
        Artifact still = new Artifact("still", "renders/" + line + "/line_" + line + suffix + ".png", "image/png",
                png.sha256(), png.size(), width, height, null);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("task_name", job.taskName());
        outputs.put("objects", List.of("Body", "Lid"));
        outputs.put("render", Map.of("width", width, "height", height));
        return event(job, RenderEventType.COMPLETED, List.of(still), outputs,
                new Timings(queuedMs(job, startedAt), startedAt, now, Math.max(0, Duration.between(startedAt, now)
                        .toMillis())), now);
    }

    private static RenderEvent event(RenderJob job, RenderEventType type, List<Artifact> artifacts,
            Map<String, Object> outputs, Timings timings, Instant now) {
        return new RenderEvent(UUID.randomUUID().toString(), job.jobId(), type, job.jobType(), job.executionMode(),
                job.workflowRunId(), job.workflowNodeId(), job.context(), WORKER_ID, 1, now, job.publication(), null,
                artifacts, outputs, timings, null);
    }

    private static long queuedMs(RenderJob job, Instant now) {
        return job.createdAt() == null ? 0 : Math.max(0, Duration.between(job.createdAt(), now).toMillis());
    }

    private static int dimension(RenderJob job, String key, int fallback) {
        return job.params().get(key) instanceof Number n && n.intValue() > 0 ? n.intValue() : fallback;
    }

    /**
     * A plain grey RGB PNG of the given size, encoded here (signature, IHDR, one zlib IDAT, IEND): its bytes decide the
     * artifact's size and sha256.
     */
    record Png(long size, String sha256) {
        static Png of(int width, int height) {
            byte[] row = new byte[1 + width * 3]; // filter type 0, then RGB
            java.util.Arrays.fill(row, 1, row.length, (byte) 0x9a);
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater)) {
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deflater.end();
            }
            ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8 bit RGB
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(png, "IHDR", header.array());
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            byte[] bytes = png.toByteArray();
            try {
                return new Png(bytes.length,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(name);
            crc.update(data);
            out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
            out.writeBytes(name);
            out.writeBytes(data);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
    }
}
