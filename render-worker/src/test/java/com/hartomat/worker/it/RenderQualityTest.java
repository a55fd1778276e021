package com.hartomat.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.RenderJob;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Product-shot framing and the transparent background, measured on the rendered pixels. */
@QuarkusTest
class RenderQualityTest extends KafkaJobsTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 90;

    @Test
    void theProductFillsTheFrameFromEveryAngleOnATransparentBackground() throws Exception {
        String glb = TestJobs.sampleGlb(kafka);
        List<String> angles = List.of("front", "left", "top", "iso", "back");
        RenderJob job = TestJobs.orderLineJob(TestJobs.id("quality"), JobType.MULTI_ANGLE, TestJobs.id("ol"), null,
                TestJobs.tiny("width", WIDTH, "height", HEIGHT, "transparent_background", true, "angles", angles),
                Map.of("glb_path", glb), null, null);

        kafka.send(job);
        RenderEvent done = KafkaJobs.outcome(kafka.awaitOutcome(job.jobId()));

        assertEquals(RenderEventType.COMPLETED, done.eventType(), String.valueOf(done.failure()));
        assertEquals(angles.size(), done.artifacts().size());
        for (Artifact png : done.artifacts()) {
            BufferedImage image = ImageIO.read(KafkaJobs.storageRoot().resolve(png.path()).toFile());
            assertTrue(image.getColorModel().hasAlpha(), png.role() + " is RGBA");
            for (int[] corner : new int[][] {{0, 0}, {WIDTH - 1, 0}, {0, HEIGHT - 1}, {WIDTH - 1, HEIGHT - 1}}) {
                assertEquals(0, alpha(image, corner[0], corner[1]), png.role() + ": corner " + corner[0] + "," + corner[1]
                        + " is transparent");
            }
            int[] box = alphaBox(image);
            double coverX = (box[2] - box[0] + 1) / (double) WIDTH;
            double coverY = (box[3] - box[1] + 1) / (double) HEIGHT;
            String where = png.role() + " alpha box x " + box[0] + ".." + box[2] + ", y " + box[1] + ".." + box[3];
            assertTrue(Math.max(coverX, coverY) >= 0.85, "the product fills the frame on its limiting side: " + where);
            assertTrue(box[0] > 0 && box[1] > 0 && box[2] < WIDTH - 1 && box[3] < HEIGHT - 1,
                    "nothing is cut off at the frame's edge: " + where);
            int left = box[0];
            int right = WIDTH - 1 - box[2];
            int top = box[1];
            int bottom = HEIGHT - 1 - box[3];
            assertTrue(Math.abs(left - right) <= 0.06 * WIDTH && Math.abs(top - bottom) <= 0.06 * HEIGHT,
                    "the product is centred: " + where);
        }
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    /** {minX, minY, maxX, maxY} of the pixels that are not fully transparent. */
    private static int[] alphaBox(BufferedImage image) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (alpha(image, x, y) > 0) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        assertTrue(box[2] >= 0, "something was rendered");
        return box;
    }
}
