package com.hartomat.registry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.registry.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@RolesAllowed(Roles.VIEWER)
@Path("/api/render-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "render-templates", description = "Render templates per product category")
public class RenderTemplateResource {

    private final RenderTemplateService service;

    public RenderTemplateResource(RenderTemplateService service) {
        this.service = service;
    }

    @GET
    public Uni<List<RenderTemplateView>> list(@RestQuery("category_key") String categoryKey) {
        return service.list(categoryKey);
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @APIResponse(responseCode = "201", description = "Created; the body is the new render template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RenderTemplateView.class)))
    @APIResponse(responseCode = "409", description = "category_key_taken: a render template for this category_key exists")
    public Uni<Response> create(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RenderTemplateRequest.class)))
            JsonNode body) {
        return service.create(body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<RenderTemplateView> get(@RestPath String id) {
        return service.get(Ids.parse(id, "render template"));
    }

    /**
     * Partial update: absent fields keep their values. A GET body may be sent back: its read-only members must equal the
     * stored values (422 {@code read_only_field} otherwise).
     */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    @APIResponse(responseCode = "409", description = "category_key_taken: another render template has this category_key")
    @Operation(summary = "Update a render template (partial; a GET body may be sent back, its read-only members unchanged)")
    @APIResponse(responseCode = "200", description = "the updated render template")
    public Uni<RenderTemplateView> update(@RestPath String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RenderTemplateRequest.class)))
            JsonNode body) {
        return service.update(Ids.parse(id, "render template"), body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return service.delete(Ids.parse(id, "render template")).map(x -> Response.noContent().build());
    }
}
