package com.hartomat.comparison.ondemand;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hartomat.identity.ServiceTokenHeaders;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * dispatch-service's public API, as far as comparison needs it: the run and its order line for an on-demand comparison
 * (comparison never reads dispatch's schema), and the renders of an A/A calibration, made with comparison's own service
 * token ({@link ServiceTokenHeaders}; role operator, which queuing calibration renders needs). Blocking calls across a service
 * boundary, bounded by SmallRye Fault Tolerance: each attempt times out; a lost connection or a timeout is tried again
 * (the reads are safe, the calibration request is idempotent by calibration id); a dispatch that keeps failing opens the
 * breaker, so callers get their 503 at once instead of waiting. HTTP answers (404, 422, 5xx) are answers: neither retried
 * nor counted by the breaker. There is no fallback: comparison keeps no copy of dispatch's runs. The values are defaults;
 * MicroProfile Fault Tolerance keys override them ({@code com.hartomat.comparison.ondemand.DispatchApi/run/Timeout/value},
 * {@code com.hartomat.comparison.ondemand.DispatchApi/Retry/maxRetries} for all three, ...; docs/configuration.md).
 */
@Timeout(2000)
@Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = { ProcessingException.class, TimeoutException.class })
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1,
        failOn = { ProcessingException.class, TimeoutException.class })
@RegisterRestClient(configKey = "dispatch")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/api")
public interface DispatchApi {

    @GET
    @Path("/workflows/runs/{id}")
    @CircuitBreakerName("dispatch-run")
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
