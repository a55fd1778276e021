package com.hartomat.dispatch.runcontrol;

import com.hartomat.contracts.auth.Roles;
import com.hartomat.api.errors.Ids;
import com.hartomat.dispatch.lifecycle.RunControl;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operators' run control: resume, retry from a node, cancel. Transport only: {@link RunControl} decides. */
@RolesAllowed(Roles.OPERATOR)
@Path("/api/workflows/runs")
public class RunControlResource {

    private final RunControl control;
    private final BeanChecks checks;
    private final JsonWebToken caller;

    public RunControlResource(RunControl control, BeanChecks checks, JsonWebToken caller) {
        this.control = control;
        this.checks = checks;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a run: completed and skipped nodes are kept, failed and never-started nodes run again")
    @APIResponse(responseCode = "200", description = "resumed, or a no-op that says why (resumed: false, reason)")
    @APIResponse(responseCode = "400", description = "invalid_id")
    @APIResponse(responseCode = "404", description = "run_not_found")
    @APIResponse(responseCode = "409", description = "run_already_terminal, run_metadata_missing, run_not_resumable, "
            + "fallback_in_progress")
    @APIResponse(responseCode = "422", description = "template_load_failed")
    public Uni<RunControl.ResumeResult> resume(@PathParam("id") String id) {
        return control.resume(Ids.uuid(id, "/id"));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Retry a failed or completed run from a node, with edited params; recorded with the caller")
    @APIResponse(responseCode = "200", description = "the node and everything downstream of it run again")
    @APIResponse(responseCode = "400", description = "invalid_id")
    @APIResponse(responseCode = "404", description = "run_not_found")
    @APIResponse(responseCode = "409", description = "run_not_finished, run_already_terminal, fallback_in_progress, "
            + "upstream_not_completed, "
            + "node_still_running, run_not_retryable, run_metadata_missing")
    @APIResponse(responseCode = "422", description = "invalid_request, unknown_node, template_load_failed, or the "
            + "settings schema's code (e.g. invalid_params, unknown_param) with the path under /params")
    public Uni<RunControl.RetryResult> retry(@PathParam("id") String id, RetryRequest body) {
        var runId = Ids.uuid(id, "/id");
        RetryRequest request = checks.valid(body, "a retry");
        return control.retry(runId, request.fromNode(), request.params(), actor());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run: queued jobs are not started, running ones are stopped, the run ends cancelled")
    @APIResponse(responseCode = "200", description = "cancelled")
    @APIResponse(responseCode = "400", description = "invalid_id")
    @APIResponse(responseCode = "404", description = "run_not_found")
    @APIResponse(responseCode = "409", description = "run_already_terminal")
    public Uni<RunControl.CancelResult> cancel(@PathParam("id") String id, CancelRequest body) {
        var runId = Ids.uuid(id, "/id");
        CancelRequest request = body == null ? new CancelRequest(null) : checks.valid(body, "a cancel");
        return control.cancel(runId, actor(), request.reason());
    }

    /** The audit's actor: who the verified token names. */
    private String actor() {
        return caller.getSubject();
    }
}
