package com.hartomat.worker.status;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.worker.WorkerRuntime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/render-workers/self}: this worker's version, Blender, capacity, current job and progress. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/render-workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerStatusResource {

    /** The worker as the status endpoint shows it (snake_case on the wire). */
    public record WorkerStatus(String workerId, String version, BlenderStatus blender, Capacity capacity,
            WorkerActivity.RunningJob currentJob, List<WorkerActivity.RunningJob> runningJobs, boolean consuming) {
    }

    public record BlenderStatus(boolean available, String executable, String version, String reason) {
    }

    public record Capacity(int concurrency, int busy, int free) {
    }

    @Inject
    WorkerRuntime runtime;

    @GET
    @Path("/self")
    @Operation(summary = "This render worker: version, Blender, capacity, current job and its progress")
    public WorkerStatus self() {
        List<WorkerActivity.RunningJob> jobs = runtime.activity().running();
        int busy = Math.max(runtime.busy(), jobs.size());
        var blender = runtime.blender();
        return new WorkerStatus(runtime.workerId(), runtime.version(),
                new BlenderStatus(blender.available(), blender.executable(), blender.version(), blender.reason()),
                new Capacity(runtime.capacity(), busy, Math.max(0, runtime.capacity() - busy)),
                jobs.isEmpty() ? null : jobs.get(0), jobs, runtime.consuming());
    }
}
