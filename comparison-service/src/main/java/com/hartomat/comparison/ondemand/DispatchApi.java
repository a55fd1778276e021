package com.hartomat.comparison.ondemand;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hartomat.contracts.auth.ServiceTokenHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * dispatch-service's public API, as far as comparison needs it: the run and its order line for an on-demand comparison
 * (comparison never reads dispatch's schema), and the renders of an A/A calibration. Blocking calls, bounded by the
 * client's connect and read timeouts, made with comparison's own service token ({@link ServiceTokenHeaders}; role
 * operator, which queuing calibration renders needs).
 */
@RegisterRestClient(configKey = "dispatch")
@RegisterClientHeaders(ServiceTokenHeaders.class)
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

    /** Queues the calibration's legacy renders; idempotent by calibration id (202 first, 200 with the same jobs after). */
    @POST
    @Path("/rollout/output-types/{id}/calibration-renders")
    CalibrationRenders calibrationRenders(@PathParam("id") String outputTypeId, CalibrationRendersRequest body);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CalibrationRendersRequest(String calibrationId, String orderLineId, int runs, String requestedBy) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CalibrationRenders(String calibrationId, String outputTypeId, String orderLineId, int runs,
            List<String> jobIds) {
    }
}
