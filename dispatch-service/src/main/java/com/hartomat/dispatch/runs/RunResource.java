package com.hartomat.dispatch.runs;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.PageParams;
import com.hartomat.dispatch.errors.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Set;

/** Run inspection: a run with its node results, and runs filtered and paged. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows/runs")
public class RunResource {

    private static final Set<String> STATUSES = Set.of("pending", "queued", "running", "completed", "failed", "skipped",
            "cancelled");

    private final RunQueries queries;

    public RunResource(RunQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{id}")
    public Uni<RunQueries.RunView> run(@PathParam("id") String id) {
        return queries.run(Ids.uuid(id, "/id"));
    }

    @GET
    public Uni<Page<RunQueries.RunView>> runs(@QueryParam("order_line_id") String orderLineId,
            @QueryParam("workflow_id") String workflowId, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("page_size") String size) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("invalid_status", "'" + status + "' is not a run status " + STATUSES, "/status");
        }
        PageParams paging = PageParams.of(page, size);
        return queries.runs(Ids.uuidOrNull(orderLineId, "/order_line_id"), workflowId, status, paging.page(), paging.size());
    }
}
