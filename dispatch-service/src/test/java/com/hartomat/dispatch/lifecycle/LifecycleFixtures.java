package com.hartomat.dispatch.lifecycle;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;

import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.ContextKind;
import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.Failure;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Progress;
import com.hartomat.contracts.messages.Publication;
import com.hartomat.contracts.messages.RenderContext;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderEventType;
import com.hartomat.contracts.messages.Timings;
import com.hartomat.dispatch.support.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Synthetic render-worker events for the jobs dispatch created, built from the render_jobs rows. */
final class LifecycleFixtures {

    private final Fixtures fx;

    LifecycleFixtures(Fixtures fx) {
        this.fx = fx;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dispatch(String orderLineId) {
        return given().post("/api/order-lines/" + orderLineId + "/dispatch").then().statusCode(200).extract().as(Map.class);
    }

    Map<String, Object> job(String jobId) {
        return fx.rows("SELECT * FROM render_jobs WHERE job_id = ?", jobId).get(0);
    }

    /** The job currently behind a node of a run. */
    String jobOf(String runId, String node) {
        return (String) fx.scalar("SELECT job_id FROM workflow_node_results WHERE run_id = ?::uuid AND node_name = ?",
                runId, node);
    }

    RenderEvent event(String jobId, RenderEventType type, int attempt, List<Artifact> artifacts,
            Map<String, Object> outputs, Progress progress, Failure failure) {
        Map<String, Object> job = job(jobId);
        String role = (String) job.get("role");
        boolean legacy = role.equals("legacy") || role.equals("fallback");
        ExecutionMode mode = legacy ? ExecutionMode.LEGACY : role.equals("observer") ? ExecutionMode.SHADOW
                : ExecutionMode.GRAPH;
        Object ol = job.get("order_line_id");
        Object cad = job.get("cad_file_id");
        RenderContext context = ol != null
                ? RenderContext.orderLine(ol.toString(), null, null, null, cad == null ? null : cad.toString())
                : new RenderContext(ContextKind.CAD_FILE, null, cad.toString(), null, null, null);
        Publication publication = legacy ? Publication.legacy()
                : new Publication(false, true, List.of(), !role.equals("observer"), true, null, false, List.of());
        Instant now = Instant.now();
        Timings timings = type == RenderEventType.COMPLETED || type == RenderEventType.FAILED
                ? new Timings(5L, now.minusMillis(1200), now, 1200L) : new Timings(5L, now, null, null);
        return new RenderEvent(UUID.randomUUID().toString(), jobId, type, JobType.fromWire((String) job.get("job_type")),
                mode, job.get("run_id") == null ? null : job.get("run_id").toString(), (String) job.get("node_id"),
                context, "test-worker", attempt, now, publication, progress, artifacts, outputs, timings, failure);
    }

    RenderEvent started(String jobId) {
        return event(jobId, RenderEventType.STARTED, 1, List.of(), null, null, null);
    }

    RenderEvent progress(String jobId, int frame, int of) {
        return event(jobId, RenderEventType.PROGRESS, 1, List.of(), null,
                new Progress(frame, of, 100.0 * frame / of, "render"), null);
    }

    RenderEvent completed(String jobId, List<Artifact> artifacts, Map<String, Object> outputs) {
        return event(jobId, RenderEventType.COMPLETED, 1, artifacts, outputs, null, null);
    }

    RenderEvent failed(String jobId, FailureCode code, boolean retryable) {
        return event(jobId, RenderEventType.FAILED, 1, List.of(), null, null,
                new Failure(code, "Blender said no (" + code.wire() + ")", retryable, "line 1\nTraceback: boom"));
    }

    static Artifact still(String contextId, String suffix) {
        return new Artifact("still", "renders/" + contextId + "/line_" + contextId + suffix + ".png", "image/png",
                sha(contextId + suffix), 1234, 64, 64, null);
    }

    static List<Artifact> turntable(String contextId, int frames) {
        List<Artifact> out = new ArrayList<>();
        out.add(new Artifact("video", "renders/" + contextId + "/line_" + contextId + ".mp4", "video/mp4",
                sha(contextId + "mp4"), 40_000, 64, 64, frames));
        for (int i = 1; i <= frames; i++) {
            out.add(new Artifact("frame", "renders/" + contextId + "/line_" + contextId + "_frames/frame_000" + i + ".png",
                    "image/png", sha(contextId + i), 900, 64, 64, null));
        }
        return out;
    }

    static Artifact blend(String contextId) {
        return new Artifact("blend", "renders/" + contextId + "/line_" + contextId + ".blend", "application/x-blender",
                sha(contextId + "blend"), 90_000, null, null, null);
    }

    static String sha(String seed) {
        String hex = Integer.toHexString(seed.hashCode());
        return (hex + "0".repeat(64)).substring(0, 64);
    }
}
