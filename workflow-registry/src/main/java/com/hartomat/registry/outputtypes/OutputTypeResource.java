package com.hartomat.registry.outputtypes;

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
@Path("/api/output-types")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "output-types", description = "Output types: workflow invocation profiles")
public class OutputTypeResource {

    private final OutputTypeService outputTypes;

    public OutputTypeResource(OutputTypeService outputTypes) {
        this.outputTypes = outputTypes;
    }

    @GET
    public Uni<List<OutputTypeView>> list() {
        return outputTypes.list();
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @APIResponse(responseCode = "201", description = "Created; the body is the new output type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutputTypeView.class)))
    @APIResponse(responseCode = "409", description = "name_taken: an output type of this name exists")
    public Uni<Response> create(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OutputTypeRequest.class)))
            JsonNode body) {
        return outputTypes.create(body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<OutputTypeView> get(@RestPath String id) {
        return outputTypes.get(Ids.parse(id, "output type"));
    }

    /**
     * Partial update: absent fields keep their values; {@code "workflow_definition_id": null} unlinks. A GET body may be
     * sent back: its read-only members must equal the stored values (422 {@code read_only_field} otherwise).
     */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Update an output type (partial; a GET body may be sent back, its read-only members unchanged)")
    @APIResponse(responseCode = "200", description = "the updated output type")
    @APIResponse(responseCode = "409", description = "name_taken: another output type has this name")
    public Uni<OutputTypeView> update(@RestPath String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OutputTypeRequest.class)))
            JsonNode body) {
        return outputTypes.update(Ids.parse(id, "output type"), body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return outputTypes.delete(Ids.parse(id, "output type")).map(x -> Response.noContent().build());
    }
}
