package com.hartomat.dispatch.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.api.errors.ApiException;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.api.errors.Ids;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Manual and draft workflow dispatch, and preflight; transport only. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows")
public class WorkflowResource {

    private final WorkflowDispatchService dispatch;
    private final PreflightService preflight;

    public WorkflowResource(WorkflowDispatchService dispatch, PreflightService preflight) {
        this.dispatch = dispatch;
        this.preflight = preflight;
    }

    /** The draft endpoints' body: {@code {workflow_id?, context_id, config}}. */
    public record DraftRequest(String workflowId, String contextId, JsonNode config) {
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/dispatch")
    public Uni<WorkflowDispatchResult> dispatchSaved(@PathParam("id") String id, @QueryParam("context_id") String contextId,
            @HeaderParam("Idempotency-Key") String key) {
        return dispatch.dispatchSaved(id, Ids.uuid(contextId, "/context_id"), key);
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/dispatch")
    public Uni<WorkflowDispatchResult> dispatchDraft(DraftRequest body, @HeaderParam("Idempotency-Key") String key) {
        DraftRequest draft = valid(body);
        return dispatch.dispatchDraft(blankToNull(draft.workflowId()), Ids.uuid(draft.contextId(), "/context_id"),
                draft.config(), key);
    }

    @RolesAllowed(Roles.AUTHOR)
    @GET
    @Path("/{id}/preflight")
    @Blocking
    public Uni<PreflightReport> preflightSaved(@PathParam("id") String id, @QueryParam("context_id") String contextId) {
        return preflight.saved(id, Ids.uuid(contextId, "/context_id"));
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/preflight")
    @Blocking
    public Uni<PreflightReport> preflightDraft(DraftRequest body) {
        DraftRequest draft = valid(body);
        return preflight.preflight(blankToNull(draft.workflowId()), draft.config(), Ids.uuid(draft.contextId(), "/context_id"));
    }

    private static DraftRequest valid(DraftRequest body) {
        if (body == null) {
            throw ApiException.invalid("missing_body", "a JSON body {workflow_id?, context_id, config} is required", "");
        }
        if (body.config() == null || body.config().isNull()) {
            throw ApiException.invalid("missing_field", "config is required", "/config");
        }
        return body;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
