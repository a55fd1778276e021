package com.hartomat.dispatch.calibration;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.api.errors.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The renders of an A/A calibration, asked for by comparison-service when an operator requests a calibration
 * ({@code POST /api/comparisons/calibrations}); transport only.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/api/rollout/output-types/{id}/calibration-renders")
public class CalibrationResource {

    private final CalibrationRenders renders;
    private final JsonWebToken caller;
    private final Set<String> relayingServices;

    public CalibrationResource(CalibrationRenders renders, JsonWebToken caller,
            @ConfigProperty(name = "hartomat.auth.relaying-services") Set<String> relayingServices) {
        this.renders = renders;
        this.caller = caller;
        this.relayingServices = relayingServices;
    }

    public record CalibrationRendersRequest(String calibrationId, String orderLineId, Integer runs, String requestedBy) {
    }

    public record CalibrationRendersView(String calibrationId, String outputTypeId, String orderLineId, int runs,
            List<String> jobIds) {
    }

    /** 202 with the queued render jobs; 200 with the same jobs when this calibration id was started before. */
    @POST
    @APIResponse(responseCode = "200", description = "the same jobs: this calibration id was started before")
    @APIResponse(responseCode = "202", description = "the render jobs, queued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalibrationRendersView.class)))
    @APIResponse(responseCode = "409", description = "calibration_id_in_use: this calibration id was started with "
            + "another output type, order line or number of runs")
    public Uni<RestResponse<CalibrationRendersView>> start(@PathParam("id") String outputTypeId, CalibrationRendersRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body {calibration_id, order_line_id, runs} is required", "");
        }
        UUID calibrationId = Ids.uuid(body.calibrationId(), "/calibration_id");
        UUID orderLineId = Ids.uuid(body.orderLineId(), "/order_line_id");
        if (body.runs() == null) {
            throw ApiException.invalid("missing_field", "runs is required", "/runs");
        }
        String requestedBy = Requester.of(caller.getSubject(), body.requestedBy(), relayingServices);
        return renders.start(outputTypeId, calibrationId, orderLineId, body.runs(), requestedBy)
                .map(s -> RestResponse.status(s.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK,
                        new CalibrationRendersView(s.calibrationId().toString(), s.outputTypeId(),
                                s.orderLineId().toString(), s.runs(), s.jobIds())));
    }
}
