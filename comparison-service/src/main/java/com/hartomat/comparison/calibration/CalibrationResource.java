package com.hartomat.comparison.calibration;

import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.Ids;
import com.hartomat.contracts.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/** An output type's A/A calibration: request it, follow it; transport only. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/comparisons/calibrations")
public class CalibrationResource {

    private final CalibrationRequests requests;
    private final Calibrations calibrations;

    private final JsonWebToken caller;

    public CalibrationResource(CalibrationRequests requests, Calibrations calibrations, JsonWebToken caller) {
        this.caller = caller;
        this.requests = requests;
        this.calibrations = calibrations;
    }

    /**
     * {@code runs} renders of the order line (default 3, 2 to 10). {@code requested_by} is accepted for old clients and
     * ignored: the calibration's actor is the token's subject.
     */
    public record CalibrationRequest(String outputTypeId, String orderLineId, Integer runs, String requestedBy) {
    }

    public record SampleView(int pairIndex, String status, Double meanPixelDelta, String failureReason) {
    }

    public record CalibrationView(String id, String outputTypeId, String orderLineId, int runs, String requestedBy,
            String status, List<String> jobIds, Double noiseFloor, String failureReason, List<SampleView> samples,
            Instant createdAt, Instant completedAt) {

        static CalibrationView of(Calibration c) {
            return new CalibrationView(c.id().toString(), c.outputTypeId(), c.orderLineId(), c.runs(), c.requestedBy(),
                    c.status(), c.jobIds(), c.noiseFloor(), c.failureReason(), c.samples().stream()
                            .map(s -> new SampleView(s.pairIndex(), s.status(), s.meanPixelDelta(), s.failureReason()))
                            .toList(), c.createdAt(), c.completedAt());
        }
    }

    /** 202 with the calibration, its renders queued by dispatch-service. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @APIResponse(responseCode = "202", description = "the calibration, its renders queued by dispatch-service", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalibrationView.class)))
    @APIResponse(responseCode = "404", description = "dispatch-service's refusal, relayed: the order line or output "
            + "type does not exist")
    @APIResponse(responseCode = "409", description = "dispatch-service's refusal, relayed (e.g. calibration_id_in_use)")
    @APIResponse(responseCode = "502", description = "dispatch_error: dispatch-service answered with an error")
    @APIResponse(responseCode = "503", description = "dispatch_unavailable: dispatch-service did not answer in time; "
            + "the renders were not queued")
    public RestResponse<CalibrationView> request(CalibrationRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body {output_type_id, order_line_id, runs} is required", "");
        }
        // who asked is who the verified token names; neither X-Actor nor the body's requested_by is trusted
        String requestedBy = caller.getSubject();
        Calibration started = requests.start(body.outputTypeId(), body.orderLineId(), body.runs(), requestedBy);
        return RestResponse.status(RestResponse.Status.ACCEPTED, CalibrationView.of(started));
    }

    @GET
    @Path("/{id}")
    public CalibrationView get(@PathParam("id") String id) {
        UUID uuid = Ids.uuid(id, "/id");
        return calibrations.find(uuid).map(CalibrationView::of).orElseThrow(() -> new ApiException(404,
                "calibration_not_found", "calibration '" + uuid + "' does not exist", "/id"));
    }
}
