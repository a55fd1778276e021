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

@RolesAllowed(Roles.VIEWER)
@Path("/api/materials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "materials", description = "The material library")
public class MaterialResource {

    private final MaterialService service;

    public MaterialResource(MaterialService service) {
        this.service = service;
    }

    @GET
    public Uni<List<MaterialView>> list() {
        return service.list();
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @APIResponse(responseCode = "201", description = "Created; the body is the new material",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MaterialView.class)))
    @APIResponse(responseCode = "409", description = "name_taken: a material of this name exists")
    public Uni<Response> create(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MaterialRequest.class)))
            JsonNode body) {
        return service.create(body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<MaterialView> get(@RestPath String id) {
        return service.get(Ids.parse(id, "material"));
    }

    /**
     * Partial update: absent fields keep their values. A GET body may be sent back: its read-only members must equal the
     * stored values (422 {@code read_only_field} otherwise).
     */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a material (partial; a GET body may be sent back, its read-only members unchanged)")
    @APIResponse(responseCode = "200", description = "the updated material")
    @APIResponse(responseCode = "409", description = "name_taken: another material has this name; material_in_use: the "
            + "rename or alias change would leave an output type's default_material naming no material")
    public Uni<MaterialView> update(@RestPath String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MaterialRequest.class)))
            JsonNode body) {
        return service.update(Ids.parse(id, "material"), body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "material_in_use: an output type names this material as its "
            + "default_material (the message names them)")
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return service.delete(Ids.parse(id, "material")).map(x -> Response.noContent().build());
    }
}
