package com.hartomat.dispatch.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The workflow registry's REST API, as far as the read model needs it (entity states, snake_case). */
@RegisterRestClient(configKey = "registry")
@Path("/api")
public interface RegistryApi {

    @GET
    @Path("/{collection}/{id}")
    Uni<JsonNode> get(@PathParam("collection") String collection, @PathParam("id") String id);
}
