package com.hartomat.dispatch.runs;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.PageParams;
import com.hartomat.dispatch.errors.Choices;
import com.hartomat.api.errors.Ids;
import com.hartomat.dispatch.publication.ArtifactFiles;
import com.hartomat.dispatch.publication.FileAnswers;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Set;

/** Run inspection: a run with its node results, runs filtered and paged, and the files its nodes reported. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows/runs")
public class RunResource {

    private static final Set<String> EXECUTION_MODES = Set.of("legacy", "graph", "shadow");

    private final RunQueries queries;
    private final ArtifactFiles files;

    public RunResource(RunQueries queries, ArtifactFiles files) {
        this.queries = queries;
        this.files = files;
    }

    @GET
    @Path("/{id}")
    public Uni<RunQueries.RunView> run(@PathParam("id") String id) {
        return queries.run(Ids.uuid(id, "/id"));
    }

    @GET
    @APIResponse(responseCode = "200", description = "a page of runs, newest first")
    @APIResponse(responseCode = "422", description = "invalid_status, invalid_execution_mode: a filter value that is "
            + "not a run status or execution mode")
    public Uni<Page<RunQueries.RunView>> runs(@QueryParam("order_line_id") String orderLineId,
            @QueryParam("workflow_id") String workflowId, @QueryParam("status") String status,
            @QueryParam("execution_mode") String executionMode,
            @QueryParam("page") String page, @QueryParam("page_size") String size) {
        if (status != null && !Choices.RUN_STATUSES.contains(status)) {
            throw ApiException.invalid("invalid_status", "'" + Ids.echo(status) + "' is not a run status; one of "
                    + String.join(", ", Choices.RUN_STATUSES), "/status");
        }
        if (executionMode != null && !EXECUTION_MODES.contains(executionMode)) {
            throw ApiException.invalid("invalid_execution_mode", "'" + Ids.echo(executionMode) + "' is not an execution mode "
                    + EXECUTION_MODES, "/execution_mode");
        }
        UUID lineId = Ids.uuidOrNull(orderLineId, "/order_line_id");
        String workflow = Ids.textOrNull(workflowId, "/workflow_id");
        PageParams paging = PageParams.of(page, size);
        return queries.runs(lineId, workflow, status, executionMode,
                paging.page(), paging.size());
    }

    /**
     * The file of one artifact a node reported ({@code artifacts[index]} of its node result), with the artifact's
     * media type and {@code Range} support: what the console previews for a node whose output was not published as a
     * media asset (a shadow observer's render, a render before its output_save, a failed run's partial output).
     */
    @GET
    @Path("/{id}/nodes/{node}/artifacts/{index}/content")
    @APIResponse(responseCode = "200", description = "the whole file, with the artifact's media type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "the byte range a Range header asked for",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "416", description = "range_not_satisfiable: the Range lies outside the file "
            + "(Content-Range: bytes */<length>)")
    public Uni<Response> nodeArtifact(@PathParam("id") String id, @PathParam("node") String node,
            @PathParam("index") String index, @HeaderParam("Range") String range) {
        UUID runId = Ids.uuid(id, "/id");
        int position = NodeArtifacts.index(index);
        return queries.run(runId).emitOn(Infrastructure.getDefaultWorkerPool()).map(run -> {
            NodeArtifacts.Artifact artifact = NodeArtifacts.of(run, node, position);
            String owner = "artifact " + position + " of node '" + node + "' of run '" + runId + "'";
            return FileAnswers.of(files.locate(owner, artifact.path()), artifact.mediaType(), owner, range);
        });
    }
}
