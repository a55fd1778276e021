package com.hartomat.comparison.calibration;

import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.ondemand.DispatchApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * An operator's request for an output type's noise floor: the calibration is recorded here, then dispatch-service is
 * asked to render the order line {@code runs} times by legacy. dispatch's refusals (unknown order line, an order line of
 * another output type, ...) come back as this service's 4xx with dispatch's code, message and path; a dispatch that does
 * not answer is a 503 without exception text. Either way the calibration is recorded as failed with the reason.
 * Blocking.
 *
 * <p>The call is idempotent on dispatch's side (by calibration id), so {@link DispatchApi}'s fault tolerance retries it
 * when the connection was lost or an attempt timed out.
 */
@ApplicationScoped
public class CalibrationRequests {

    private static final Logger LOG = Logger.getLogger(CalibrationRequests.class);
    private static final Set<Integer> RELAYED = Set.of(400, 404, 409, 422);

    public static final int DEFAULT_RUNS = 3;
    public static final int MIN_RUNS = 2;
    public static final int MAX_RUNS = 10;

    private final Calibrations calibrations;
    private final DispatchApi dispatch;

    public CalibrationRequests(Calibrations calibrations, @RestClient DispatchApi dispatch) {
        this.calibrations = calibrations;
        this.dispatch = dispatch;
    }

    public Calibration start(String outputTypeId, String orderLineId, Integer runs, String requestedBy) {
        if (outputTypeId == null || outputTypeId.isBlank()) {
            throw ApiException.invalid("missing_field", "output_type_id is required", "/output_type_id");
        }
        if (orderLineId == null || orderLineId.isBlank()) {
            throw ApiException.invalid("missing_field", "order_line_id is required", "/order_line_id");
        }
        int n = runs == null ? DEFAULT_RUNS : runs;
        if (n < MIN_RUNS || n > MAX_RUNS) {
            throw ApiException.invalid("invalid_runs", "runs must be between " + MIN_RUNS + " and " + MAX_RUNS
                    + ", got " + n, "/runs");
        }
        UUID id = UUID.randomUUID();
        calibrations.create(id, outputTypeId.trim(), orderLineId.trim(), n, requestedBy);
        DispatchApi.CalibrationRenders queued;
        try {
            queued = dispatch.calibrationRenders(outputTypeId.trim(),
                    new DispatchApi.CalibrationRendersRequest(id.toString(), orderLineId.trim(), n, requestedBy));
        } catch (WebApplicationException e) {
            ApiException refused = refusal(e);
            calibrations.failed(id, "dispatch-service refused the renders: " + refused.getMessage());
            throw refused;
        } catch (ProcessingException | IllegalStateException | FaultToleranceException e) {
            // unreachable, every attempt timed out, or the breaker is open
            LOG.warnf("dispatch-service unreachable for calibration %s: %s", id, e.toString());
            calibrations.failed(id, "dispatch-service did not answer");
            throw new ApiException(503, "dispatch_unavailable", "dispatch-service did not answer in time; the "
                    + "calibration renders were not queued, try again later", "");
        }
        calibrations.rendering(id, queued.jobIds());
        return calibrations.find(id).orElseThrow();
    }

    /** dispatch's 4xx as ours (its code, message and path); anything else as a 502 without its text. */
    private static ApiException refusal(WebApplicationException e) {
        Response response = e.getResponse();
        int status = response == null ? 0 : response.getStatus();
        if (RELAYED.contains(status)) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = response.readEntity(Map.class);
                String path = String.valueOf(body.getOrDefault("path", ""));
                return new ApiException(status, String.valueOf(body.getOrDefault("code", "dispatch_refused")),
                        String.valueOf(body.getOrDefault("message", "dispatch-service refused the calibration")),
                        path);
            } catch (RuntimeException unreadable) {
                return new ApiException(status, "dispatch_refused", "dispatch-service refused the calibration ("
                        + status + ")", "");
            }
        }
        LOG.warnf("dispatch-service answered %d to a calibration request", status);
        return new ApiException(502, "dispatch_error", "dispatch-service answered " + status
                + "; the calibration renders were not queued", "");
    }
}
