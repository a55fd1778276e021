package com.hartomat.comparison.api;

import com.hartomat.api.errors.Ids;
import com.hartomat.api.errors.PageParams;
import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.ondemand.OnDemandComparison;
import com.hartomat.comparison.store.ComparisonFilter;
import com.hartomat.comparison.store.ComparisonStore;
import com.hartomat.comparison.store.NoiseFloors;
import com.hartomat.comparison.store.Page;
import com.hartomat.comparison.store.StoredComparison;
import com.hartomat.contracts.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The comparisons of shadow runs. Transport only; JDBC reads, so these methods run on worker threads (Quarkus REST
 * runs methods with non-reactive return types there).
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {

    private static final Set<String> VERDICTS = Set.of("pass", "warn", "fail");

    private final ComparisonStore store;
    private final NoiseFloors noiseFloors;
    private final OnDemandComparison onDemand;

    public ComparisonResource(ComparisonStore store, NoiseFloors noiseFloors, OnDemandComparison onDemand) {
        this.store = store;
        this.noiseFloors = noiseFloors;
        this.onDemand = onDemand;
    }

    /**
     * The stored comparison of a shadow run; for a run without one, a comparison computed now from the outputs
     * dispatch-service names ({@code computed_on_demand: true}, not stored). 404 {@code workflow_run_not_found} when
     * dispatch does not know the run, 409 {@code not_a_shadow_run}, 503 {@code dispatch_unavailable}.
     */
    @GET
    @Path("/workflows/runs/{id}/comparison")
    @APIResponse(responseCode = "200", description = "the stored comparison, or one computed now (computed_on_demand)")
    @APIResponse(responseCode = "400", description = "invalid_id: the run id is not a UUID")
    @APIResponse(responseCode = "404", description = "workflow_run_not_found, order_line_not_found: dispatch-service "
            + "does not know the run or its order line")
    @APIResponse(responseCode = "409", description = "not_a_shadow_run: the run did not run in shadow mode, or has no "
            + "order line to compare with")
    @APIResponse(responseCode = "502", description = "dispatch_error: dispatch-service answered with an error")
    @APIResponse(responseCode = "503", description = "dispatch_unavailable: dispatch-service did not answer in time; "
            + "database_unavailable")
    public ComparisonView runComparison(@PathParam("id") String id) {
        String runId = Ids.uuid(id, "/id").toString();
        Optional<StoredComparison> stored = store.byRun(runId);
        if (stored.isPresent()) {
            return ComparisonView.of(stored.get(), noiseFloors.forOutputType(stored.get().outputTypeId()).orElse(null));
        }
        return ComparisonView.onDemand(onDemand.compare(runId));
    }

    /**
     * Comparisons, newest first, narrowed by output type, workflow and verdict. 400 {@code invalid_id} for an
     * output_type_id or workflow_id that is not a UUID, {@code invalid_verdict}, {@code invalid_page},
     * {@code invalid_page_size}.
     */
    @GET
    @Path("/comparisons")
    public ComparisonPage list(@QueryParam("output_type_id") String outputTypeId,
            @QueryParam("workflow_id") String workflowId, @QueryParam("verdict") String verdict,
            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        if (verdict != null && !verdict.isBlank() && !VERDICTS.contains(verdict)) {
            throw ApiException.badRequest("invalid_verdict", "verdict must be one of pass, warn, fail; got '"
                    + Ids.echo(verdict) + "'", "/verdict");
        }
        PageParams params = PageParams.of(page, pageSize);
        Page<StoredComparison> result = store.list(new ComparisonFilter(Ids.textOrNull(outputTypeId, "/output_type_id"),
                Ids.textOrNull(workflowId, "/workflow_id"),
                blankToNull(verdict)), params.page(), params.size());
        Map<String, Optional<NoiseFloor>> floors = new HashMap<>();
        List<ComparisonView> items = result.items().stream()
                .map(s -> ComparisonView.of(s, s.outputTypeId() == null ? null : floors
                        .computeIfAbsent(s.outputTypeId(), noiseFloors::forOutputType).orElse(null)))
                .toList();
        return new ComparisonPage(items, result.total(), result.page(), result.pageSize());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
