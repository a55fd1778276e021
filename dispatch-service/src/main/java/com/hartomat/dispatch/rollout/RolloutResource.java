package com.hartomat.dispatch.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.auth.Roles;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.rollout.RolloutSettings.AuditEntry;
import com.hartomat.dispatch.rollout.RolloutSettings.Change;
import com.hartomat.dispatch.rollout.ShadowVerdicts.LatestVerdict;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The operators' rollout config API, per output type and per workflow definition; transport only. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/rollout")
public class RolloutResource {

    private final RolloutSettings settings;
    private final ShadowVerdicts verdicts;
    private final RegistryReadModel readModel;
    private final Outcomes outcomes;
    private final Pool pool;
    private final DispatchConfig.Rollout config;

    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    public RolloutResource(RolloutSettings settings, ShadowVerdicts verdicts, RegistryReadModel readModel,
            Outcomes outcomes, Pool pool, DispatchConfig config, JsonWebToken caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
        this.settings = settings;
        this.verdicts = verdicts;
        this.readModel = readModel;
        this.outcomes = outcomes;
        this.pool = pool;
        this.config = config.rollout();
    }

    /** {@code actor} is accepted for old clients and ignored: the audit's actor is the token's subject. */
    public record RolloutRequest(String mode, String reason, Boolean force, String actor) {
    }

    public record RolloutView(String scope, String targetId, RolloutMode mode, String source, String reason,
            String updatedBy, OffsetDateTime updatedAt, LatestVerdict latestShadowVerdict) {
    }

    public record ChangeResult(RolloutView setting, AuditEntry audit) {
    }

    @GET
    @Path("/output-types/{id}")
    public Uni<RolloutView> outputType(@PathParam("id") String id) {
        return view(RolloutScope.OUTPUT_TYPE, id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/output-types/{id}")
    @APIResponse(responseCode = "200", description = "the setting as changed, and its audit entry")
    @APIResponse(responseCode = "403", description = "forbidden: the operation needs the role operator or above; "
            + "force: true needs admin (path /force)")
    @APIResponse(responseCode = "409", description = "shadow_verdict_required: graph mode needs a passing shadow verdict, "
            + "or force with a reason")
    public Uni<ChangeResult> setOutputType(@PathParam("id") String id, RolloutRequest body) {
        return change(RolloutScope.OUTPUT_TYPE, id, body);
    }

    /** How renders of one kind ended over the window. */
    public record OutcomeView(long runs, long failed, Double failureRate) {
    }

    public record ReadinessView(String outputTypeId, RolloutMode rolloutMode, String rolloutModeSource,
            String recommendation, List<String> reasons, long consecutivePasses, int requiredPasses, Double noiseFloor,
            List<ShadowVerdicts.VerdictView> latestVerdicts, String window, int minSamples, OutcomeView graph,
            OutcomeView legacy, boolean autoHoldEnabled) {
    }

    @GET
    @Path("/output-types/{id}/readiness")
    public Uni<ReadinessView> readiness(@PathParam("id") String id) {
        DispatchConfig.Rollout.AutoHold hold = config.autoHold();
        return view(RolloutScope.OUTPUT_TYPE, id).flatMap(view -> verdicts.recent(id, 10)
                .flatMap(recent -> verdicts.consecutivePasses(id)
                        .flatMap(passes -> outcomes.count(pool, id, hold.window(), hold.minSamples()).map(counts -> {
                            Readiness.Decision d = Readiness.decide(view.mode(), recent, passes, config.requiredPasses(),
                                    counts, hold.minSamples(), hold.window());
                            Double noiseFloor = recent.stream().map(ShadowVerdicts.VerdictView::noiseFloor)
                                    .filter(Objects::nonNull).findFirst().orElse(null);
                            return new ReadinessView(id, view.mode(), view.source(), d.recommendation().wire(),
                                    d.reasons(), passes, config.requiredPasses(), noiseFloor, recent,
                                    hold.window().toString(), hold.minSamples(),
                                    new OutcomeView(counts.graphRuns(), counts.graphFailed(), counts.graphFailureRate()),
                                    new OutcomeView(counts.legacyRuns(), counts.legacyFailed(), counts.legacyFailureRate()),
                                    hold.enabled());
                        }))));
    }

    @GET
    @Path("/output-types/{id}/history")
    public Uni<List<AuditEntry>> outputTypeHistory(@PathParam("id") String id) {
        return settings.history(RolloutScope.OUTPUT_TYPE, id);
    }

    @GET
    @Path("/workflow-definitions/{id}")
    public Uni<RolloutView> workflow(@PathParam("id") String id) {
        return view(RolloutScope.WORKFLOW_DEFINITION, id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/workflow-definitions/{id}")
    @APIResponse(responseCode = "200", description = "the setting as changed, and its audit entry")
    @APIResponse(responseCode = "403", description = "forbidden: the operation needs the role operator or above; "
            + "force: true needs admin (path /force)")
    @APIResponse(responseCode = "409", description = "shadow_verdict_required: graph mode needs a passing shadow verdict, "
            + "or force with a reason")
    public Uni<ChangeResult> setWorkflow(@PathParam("id") String id, RolloutRequest body) {
        return change(RolloutScope.WORKFLOW_DEFINITION, id, body);
    }

    @GET
    @Path("/workflow-definitions/{id}/history")
    public Uni<List<AuditEntry>> workflowHistory(@PathParam("id") String id) {
        return settings.history(RolloutScope.WORKFLOW_DEFINITION, id);
    }

    private Uni<ChangeResult> change(RolloutScope scope, String id, RolloutRequest body) {
        if (body == null || body.mode() == null) {
            throw ApiException.invalid("missing_field", "mode is required (legacy_only, shadow, graph)", "/mode");
        }
        RolloutMode mode;
        try {
            mode = RolloutMode.fromWire(body.mode());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("invalid_mode", e.getMessage(), "/mode");
        }
        boolean force = Boolean.TRUE.equals(body.force());
        RolloutPermission.refusal(force, identity::hasRole).ifPresent(reason -> {
            throw new ApiException(403, "forbidden", reason, "/force");
        });
        // the audit's actor is who the verified token names; X-Actor and the body's actor are not trusted
        Change change = new Change(mode, body.reason(), force, caller.getSubject());
        return target(scope, id)
                .flatMap(entity -> settings.change(scope, id, change))
                .flatMap(audit -> view(scope, id).map(view -> new ChangeResult(view, audit)));
    }

    private Uni<RolloutView> view(RolloutScope scope, String id) {
        return target(scope, id).flatMap(entity -> settings.get(scope, id)
                .flatMap(setting -> verdicts.latest(scope, id).flatMap(latest -> {
                    if (setting.isPresent()) {
                        RolloutSettings.Setting s = setting.get();
                        return Uni.createFrom().item(new RolloutView(scope.wire(), id, s.mode(), "operator", s.reason(),
                                s.updatedBy(), s.updatedAt(), latest.orElse(null)));
                    }
                    return derived(scope, entity).map(mode -> new RolloutView(scope.wire(), id, mode,
                            "derived_from_config", null, null, null, latest.orElse(null)));
                })));
    }

    private Uni<RolloutMode> derived(RolloutScope scope, RegistryEntity entity) {
        if (scope == RolloutScope.WORKFLOW_DEFINITION) {
            return Uni.createFrom().item(RolloutMode.derivedFrom(configuredMode(entity.tree("config"))));
        }
        return readModel.workflowDefinition(entity.text("workflow_definition_id"))
                .map(wf -> wf.map(w -> RolloutMode.derivedFrom(configuredMode(w.tree("config"))))
                        .orElse(RolloutMode.LEGACY_ONLY));
    }

    /** {@code ui.execution_mode} of a workflow config, canonical or legacy preset shaped alike. */
    public static String configuredMode(JsonNode config) {
        JsonNode mode = config == null ? null : config.path("ui").path("execution_mode");
        return mode == null || !mode.isTextual() ? "legacy" : mode.asText();
    }

    private Uni<RegistryEntity> target(RolloutScope scope, String id) {
        String type = scope == RolloutScope.OUTPUT_TYPE ? RegistryChange.OUTPUT_TYPE : RegistryChange.WORKFLOW_DEFINITION;
        return readModel.find(type, id).map((Optional<RegistryEntity> e) -> e.orElseThrow(
                () -> ApiException.noSuch(type, id)));
    }
}
