package com.hartomat.dispatch.publication;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.dispatch.errors.Choices;
import com.hartomat.api.errors.Ids;
import com.hartomat.api.errors.PageParams;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.UUID;

/** Published media assets: filtered list, one asset, and its bytes with HTTP range support (video seeking). */
@RolesAllowed(Roles.VIEWER)
@Path("/api/media-assets")
public class MediaAssetResource {

    private final PublicationQueries queries;
    private final ArtifactFiles files;

    public MediaAssetResource(PublicationQueries queries, ArtifactFiles files) {
        this.queries = queries;
        this.files = files;
    }

    @GET
    public Uni<Page<MediaAsset>> mediaAssets(@QueryParam("order_line_id") String orderLineId,
            @QueryParam("product_id") String productId, @QueryParam("asset_type") String assetType,
            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return queries.mediaAssets(Ids.uuidOrNull(orderLineId, "/order_line_id"), Ids.uuidOrNull(productId, "/product_id"),
                Choices.queryOneOfOrNull(assetType, Choices.ASSET_TYPES, "/asset_type"), PageParams.of(page, pageSize));
    }

    @GET
    @Path("/{id}")
    public Uni<MediaAsset> mediaAsset(@PathParam("id") String id) {
        return queries.mediaAsset(Ids.uuid(id, "/id"));
    }

    /**
     * The asset's file with its {@code media_type}. A single {@code Range} is answered with 206 and
     * {@code Content-Range}; a range past the end with 416 and {@code Content-Range: bytes *}{@code /<length>}. The file
     * is sent by the HTTP server from disk (no copy through the heap).
     */
    @GET
    @Path("/{id}/content")
    @APIResponse(responseCode = "200", description = "the whole file, with the asset's media type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "the byte range a Range header asked for",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "416", description = "range_not_satisfiable: the Range lies outside the file "
            + "(Content-Range: bytes */<length>)")
    public Uni<Response> content(@PathParam("id") String id, @HeaderParam("Range") String range) {
        UUID assetId = Ids.uuid(id, "/id");
        return queries.mediaAsset(assetId)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(asset -> respond(asset, files.locate(assetId, asset.path()), range));
    }

    private static Response respond(MediaAsset asset, ArtifactFiles.Located file, String range) {
        return FileAnswers.of(file, asset.mediaType(), "media asset '" + asset.id() + "'", range);
    }
}
