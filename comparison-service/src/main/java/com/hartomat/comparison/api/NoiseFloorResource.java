package com.hartomat.comparison.api;

import com.hartomat.api.errors.Ids;
import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.api.ComparisonView.NoiseFloorView;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.store.NoiseFloors;
import com.hartomat.contracts.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The noise floor table: the mean pixel delta each output type shows between renders that should be identical. An
 * operator records a floor measured elsewhere (e.g. by comparing A/A legacy renders); later verdicts of that output
 * type treat a delta within it as noise, not a regression.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/comparisons/noise-floors")
@Produces(MediaType.APPLICATION_JSON)
public class NoiseFloorResource {

    private final NoiseFloors noiseFloors;

    public NoiseFloorResource(NoiseFloors noiseFloors) {
        this.noiseFloors = noiseFloors;
    }

    @GET
    public List<NoiseFloorView> list() {
        return noiseFloors.all().stream().map(NoiseFloorView::of).toList();
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{output_type_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public NoiseFloorView put(@PathParam("output_type_id") String id, NoiseFloorRequest body) {
        String outputTypeId = Ids.uuid(id, "/output_type_id").toString();
        if (body == null) {
            throw ApiException.badRequest("missing_body", "a JSON body {mean_pixel_delta, samples, source} is required", "");
        }
        if (body.meanPixelDelta() == null) {
            throw ApiException.invalid("missing_field", "mean_pixel_delta is required", "/mean_pixel_delta");
        }
        if (!(body.meanPixelDelta() >= 0 && body.meanPixelDelta() <= 1)) {
            throw ApiException.invalid("invalid_noise_floor", "mean_pixel_delta must be between 0 and 1, got "
                    + body.meanPixelDelta(), "/mean_pixel_delta");
        }
        int samples = body.samples() == null ? 1 : body.samples();
        if (samples < 1) {
            throw ApiException.invalid("invalid_samples", "samples must be 1 or more, got " + samples, "/samples");
        }
        String source = body.source() == null || body.source().isBlank() ? "operator" : body.source().trim();
        return NoiseFloorView.of(noiseFloors.put(new NoiseFloor(outputTypeId, body.meanPixelDelta(), samples, source,
                Instant.now())));
    }
}
