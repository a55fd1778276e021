package com.hartomat.registry.catalogue;

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
    public Uni<ArrayNode> list() {
        return service.list();
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    public Uni<Response> create(JsonNode body) {
        return service.create(body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> get(@RestPath String id) {
        return service.get(Ids.parse(id, "material"));
    }

    /** Partial update: absent fields keep their values. */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    public Uni<ObjectNode> update(@RestPath String id, JsonNode body) {
        return service.update(Ids.parse(id, "material"), body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return service.delete(Ids.parse(id, "material")).map(x -> Response.noContent().build());
    }
}
