package com.hartomat.comparison.ondemand;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * dispatch-service's public API, as far as an on-demand comparison needs it: the run and its order line (comparison
 * never reads dispatch's schema). Blocking calls, bounded by the client's connect and read timeouts.
 */
@RegisterRestClient(configKey = "dispatch")
@Path("/api")
public interface DispatchApi {

    @GET
    @Path("/workflows/runs/{id}")
    Run run(@PathParam("id") String runId);

    @GET
    @Path("/order-lines/{id}")
    OrderLine orderLine(@PathParam("id") String orderLineId);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Run(String id, String status, String executionMode, String workflowDefId, String orderLineId,
            String outputTypeId) {
    }

    /** {@code result_path} is the authoritative output, relative to the artifact storage root. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderLine(String id, String outputTypeId, String renderStatus, String resultPath) {
    }
}
