package com.hartomat.comparison.api;

import com.hartomat.api.errors.Ids;
import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.ComparisonConfig;
import com.hartomat.comparison.store.ComparisonStore;
import com.hartomat.contracts.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The pictures of a stored comparison (the /workflows console shows them side by side): the authoritative output, the
 * observer output and the diff image, as files from artifact storage. Transport only; {@link ComparisonImages} decides.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows/runs/{id}/comparison/images")
public class ComparisonImageResource {

    private final ComparisonStore store;
    private final ComparisonImages images;

    public ComparisonImageResource(ComparisonStore store, ComparisonConfig config) {
        this.store = store;
        this.images = new ComparisonImages(config.storage().root());
    }

    @GET
    @Path("/{side}")
    @Produces({"image/png", "image/jpeg", "image/webp", "video/mp4", "application/octet-stream"})
    @Operation(summary = "One picture of a shadow run's stored comparison: side = authoritative, observer or diff")
    @APIResponse(responseCode = "200", description = "the file, Content-Type by its extension",
            content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "invalid_id: the run id is not a UUID")
    public Response image(@PathParam("id") String id, @PathParam("side") String side) {
        String runId = Ids.uuid(id, "/id").toString();
        var comparison = store.byRun(runId).orElseThrow(() -> new ApiException(404, "comparison_not_found",
                "run '" + runId + "' has no stored comparison", "/id"));
        ComparisonImages.Located located = images.locate(comparison, side);
        return Response.ok(located.file().toFile(), located.mediaType()).build();
    }
}
