package com.hartomat.registry.outputtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    public Uni<ArrayNode> list() {
        return outputTypes.list();
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    public Uni<Response> create(JsonNode body) {
        return outputTypes.create(body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> get(@RestPath String id) {
        return outputTypes.get(Ids.parse(id, "output type"));
    }

    /** Partial update: absent fields keep their values; {@code "workflow_definition_id": null} unlinks. */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    public Uni<ObjectNode> update(@RestPath String id, JsonNode body) {
        return outputTypes.update(Ids.parse(id, "output type"), body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return outputTypes.delete(Ids.parse(id, "output type")).map(x -> Response.noContent().build());
    }
}
