package com.hartomat.dispatch.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.identity.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The workflow registry's REST API, as far as the read model needs it (entity states, snake_case), called with this
 * service's own service token ({@link ServiceTokenHeaders}).
 */
@RegisterRestClient(configKey = "registry")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/api")
public interface RegistryApi {

    @GET
    @Path("/{collection}/{id}")
    Uni<JsonNode> get(@PathParam("collection") String collection, @PathParam("id") String id);
}
