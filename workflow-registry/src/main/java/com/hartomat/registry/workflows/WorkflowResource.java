package com.hartomat.registry.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.registry.Ids;
import com.hartomat.registry.JsonText;
import com.hartomat.api.errors.ApiException;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Workflow definitions (versioned CRUD), validation of unsaved configs, presets and starter graphs. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "workflows", description = "Versioned workflow definitions, validation, presets and starter graphs")
public class WorkflowResource {

    private final WorkflowService workflows;
    private final MeterRegistry meters;

    private final JsonWebToken caller;

    public WorkflowResource(WorkflowService workflows, MeterRegistry meters, JsonWebToken caller) {
        this.caller = caller;
        this.workflows = workflows;
        this.meters = meters;
    }

    @GET
    @Operation(summary = "The latest version of every workflow")
    public Uni<List<WorkflowView>> list() {
        return workflows.list();
    }

    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Operation(summary = "Create a workflow (version 1); the config is canonicalized and validated, 422 with every error")
    @APIResponse(responseCode = "201", description = "Created; the body is version 1",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowView.class)))
    public Uni<Response> create(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WorkflowRequest.class)))
            JsonNode body) {
        return workflows.create(body, caller.getSubject()).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest version of a workflow, or ?version=N")
    public Uni<WorkflowView> get(@RestPath String id, @RestQuery String version) {
        return workflows.get(Ids.parse(id, "workflow"), version == null ? null : versionNumber(version));
    }

    private static int versionNumber(String version) {
        try {
            int n = Integer.parseInt(version.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_query_param", "version must be a positive integer, got '" + version + "'", "/version");
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Every version of a workflow, oldest first")
    public Uni<List<WorkflowView>> versions(@RestPath String id) {
        return workflows.versions(Ids.parse(id, "workflow"));
    }

    /**
     * Every update writes a new immutable version; absent fields keep their previous values. A GET body of the latest
     * version may be sent back: its read-only members must equal the stored values (422 {@code read_only_field}), except
     * those derived from the config when a config is sent (they are derived from it).
     */
    @RolesAllowed(Roles.AUTHOR)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Write a new immutable version (absent fields keep their values; a GET body may be sent back)")
    public Uni<WorkflowView> update(@RestPath String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WorkflowRequest.class)))
            JsonNode body) {
        return workflows.update(Ids.parse(id, "workflow"), body, caller.getSubject());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted with all its versions")
    @APIResponse(responseCode = "409", description = "workflow_in_use: output types link this workflow; unlink them first")
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id) {
        return workflows.delete(Ids.parse(id, "workflow")).map(x -> Response.noContent().build());
    }

    /**
     * Validates an unsaved config (the body itself, or {@code {"config": …}}): 200 with every error and the derived
     * family, context kind, terminal artifact kinds and topological order.
     */
    @RolesAllowed(Roles.AUTHOR)
    @POST
    @Path("/validate")
    @Operation(summary = "Validate an unsaved config: every error plus family, context kind, terminal artifact kinds, order")
    public ValidationReport validate(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ValidateRequest.class)))
            JsonNode body) {
        if (body == null || body.isNull()) {
            throw ApiException.badRequest("missing_body", "a workflow config body is required", "");
        }
        JsonNode config = body.isObject() && body.has("config") && !body.has("nodes") && !body.has("type") ? body.get("config") : body;
        WorkflowAdmission.Report report;
        try {
            report = workflows.admission().check(config);
        } catch (ApiException refused) {
            meters.counter("registry_workflow_validations_total", "outcome", "refused").increment();
            throw refused;
        }
        meters.counter("registry_workflow_validations_total", "outcome", report.result().valid() ? "valid" : "invalid").increment();
        ObjectNode out = report.result().toJson();
        out.set("config", report.config());
        return JsonText.typed(out, ValidationReport.class);
    }

    @GET
    @Path("/presets")
    @Operation(summary = "The legacy presets (still, turntable, multi_angle, still_with_exports) as canonical graphs")
    public List<WorkflowStarter> presets() {
        return WorkflowConfigs.PRESET_STARTERS.stream().map(s -> starter(s, WorkflowConfigs.preset(s.name(), Map.of()))).toList();
    }

    @GET
    @Path("/blueprints")
    @Operation(summary = "Family-safe starter graphs (cad_intake, still, turntable, blend_export, still_with_exports)")
    public List<WorkflowStarter> blueprints() {
        return WorkflowConfigs.BLUEPRINT_STARTERS.stream().map(s -> starter(s, WorkflowConfigs.blueprint(s.name()))).toList();
    }

    private static WorkflowStarter starter(WorkflowConfigs.Starter s, ObjectNode config) {
        return new WorkflowStarter(s.name(), s.label(), s.description(), s.family().wire(), config);
    }
}
