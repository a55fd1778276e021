package com.hartomat.dispatch.calibration;

import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.dispatch.errors.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The renders of an A/A calibration, asked for by comparison-service when an operator requests a calibration
 * ({@code POST /api/comparisons/calibrations}); transport only.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/api/rollout/output-types/{id}/calibration-renders")
public class CalibrationResource {

    private final CalibrationRenders renders;

    public CalibrationResource(CalibrationRenders renders) {
        this.renders = renders;
    }

    public record CalibrationRendersRequest(String calibrationId, String orderLineId, Integer runs, String requestedBy) {
    }

    public record CalibrationRendersView(String calibrationId, String outputTypeId, String orderLineId, int runs,
            List<String> jobIds) {
    }

    /** 202 with the queued render jobs; 200 with the same jobs when this calibration id was started before. */
    @POST
    public Uni<RestResponse<CalibrationRendersView>> start(@PathParam("id") String outputTypeId, CalibrationRendersRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body {calibration_id, order_line_id, runs} is required", "");
        }
        UUID calibrationId = Ids.uuid(body.calibrationId(), "/calibration_id");
        UUID orderLineId = Ids.uuid(body.orderLineId(), "/order_line_id");
        if (body.runs() == null) {
            throw ApiException.invalid("missing_field", "runs is required", "/runs");
        }
        return renders.start(outputTypeId, calibrationId, orderLineId, body.runs(), body.requestedBy())
                .map(s -> RestResponse.status(s.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK,
                        new CalibrationRendersView(s.calibrationId().toString(), s.outputTypeId(),
                                s.orderLineId().toString(), s.runs(), s.jobIds())));
    }
}
