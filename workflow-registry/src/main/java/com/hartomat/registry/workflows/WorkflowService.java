package com.hartomat.registry.workflows;

import com.hartomat.registry.errors.FieldErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.registry.Ids;
import com.hartomat.registry.JsonText;
import com.hartomat.registry.changes.ChangePublisher;
import com.hartomat.api.errors.ApiException;
import com.hartomat.registry.errors.ReadOnlyMembers;
import com.hartomat.registry.errors.RequestReader;
import com.hartomat.registry.outputtypes.InvocationContract;
import com.hartomat.registry.outputtypes.OutputTypeEntity;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.WorkflowValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Workflow definitions with immutable versions: every save canonicalizes and validates the config and writes a
 * new version; the change goes to the outbox in the same transaction.
 */
@ApplicationScoped
public class WorkflowService {

    static final Set<String> FIELDS = Set.of("name", "config", "is_active", "output_type_id");

    private final WorkflowAdmission admission;
    private final WorkflowValidator validator;
    private final ChangePublisher changes;

    public WorkflowService(WorkflowValidator validator, ChangePublisher changes) {
        this.validator = validator;
        this.admission = new WorkflowAdmission(validator);
        this.changes = changes;
    }

    public WorkflowAdmission admission() {
        return admission;
    }

    /** The latest (or a requested) version with its graph analysis. */
    public record Snapshot(WorkflowEntity workflow, WorkflowVersionEntity version, GraphAnalysis analysis) {
    }

    /** Version 1, written by {@code actor} (the caller's token subject). */
    public Uni<WorkflowView> create(JsonNode body, String actor) {
        RequestReader r = RequestReader.of(body, FIELDS);
        String name = r.text("name", true, 200);
        JsonNode config = body.get("config");
        if (config == null || config.isNull()) {
            r.error("missing_field", "config is required", "/config");
        }
        Boolean active = r.bool("is_active");
        UUID outputTypeId = r.uuid("output_type_id");
        r.throwIfInvalid();
        WorkflowAdmission.Admitted admitted = admission.admit(config, "/config");
        Instant now = Ids.now();
        WorkflowEntity w = new WorkflowEntity();
        w.id = UUID.randomUUID();
        w.currentVersion = 1;
        w.createdAt = now;
        w.updatedAt = now;
        WorkflowVersionEntity v = version(w.id, 1, name, active == null || active, outputTypeId, admitted, now, actor);
        return Panache.withTransaction(() -> checkOutputTypes(w.id, outputTypeId, admitted.analysis())
                .chain(() -> w.persist())
                .chain(() -> v.persist())
                .chain(() -> publish(w, v)))
                .invoke(changes::committed);
    }

    /** A new version, written by {@code actor} (the caller's token subject). */
    public Uni<WorkflowView> update(UUID id, JsonNode sent, String actor) {
        ReadOnlyMembers readOnly = ReadOnlyMembers.split(sent, WorkflowView.READ_ONLY);
        JsonNode body = readOnly.rest();
        RequestReader r = RequestReader.of(body, FIELDS);
        String name = r.text("name", false, 200);
        Boolean active = r.bool("is_active");
        UUID outputTypeId = r.uuid("output_type_id");
        boolean clearOutputType = r.explicitNull("output_type_id");
        JsonNode config = body.get("config");
        if (config != null && config.isNull()) {
            r.error("invalid_type", "config cannot be null", "/config");
        }
        r.throwIfInvalid();
        WorkflowAdmission.Admitted given = config == null ? null : admission.admit(config, "/config");
        return Panache.withTransaction(() -> latest(id, true).chain(previous -> {
            // the members derived from the config describe the stored config; with a new one they are derived anew
            readOnly.requireUnchanged(JsonText.tree(view(previous.workflow(), previous.version())),
                    given == null ? WorkflowView.READ_ONLY : nonDerived());
            // without a new config the stored one is re-admitted: it must still satisfy today's catalogue
            WorkflowAdmission.Admitted admitted = given != null ? given
                    : admission.admit(JsonText.read(previous.version().config), "/config");
            UUID linked = clearOutputType ? null : outputTypeId != null ? outputTypeId : previous.version().outputTypeId;
            WorkflowEntity w = previous.workflow();
            Instant now = Ids.now();
            WorkflowVersionEntity v = version(id, w.currentVersion + 1, name != null ? name : previous.version().name,
                    active != null ? active : previous.version().active, linked, admitted, now, actor);
            w.currentVersion = v.version;
            w.updatedAt = now;
            return checkOutputTypes(id, linked, admitted.analysis())
                    .chain(() -> v.persist())
                    .chain(() -> publish(w, v));
        })).invoke(changes::committed);
    }

    private static Set<String> nonDerived() {
        Set<String> members = new java.util.HashSet<>(WorkflowView.READ_ONLY);
        members.removeAll(WorkflowView.DERIVED_FROM_CONFIG);
        return members;
    }

    public Uni<WorkflowView> get(UUID id, Integer version) {
        if (version == null) {
            return Panache.withSession(() -> latest(id).map(s -> view(s.workflow(), s.version())));
        }
        return Panache.withSession(() -> workflow(id).chain(w -> WorkflowVersionEntity
                .<WorkflowVersionEntity>find("workflowId = ?1 and version = ?2", id, version).firstResult()
                .map(v -> {
                    if (v == null) {
                        throw new ApiException(404, "version_not_found", "workflow " + id + " has no version " + version
                                + " (latest is " + w.currentVersion + ")", "");
                    }
                    return view(w, v);
                })));
    }

    public Uni<List<WorkflowView>> list() {
        return Panache.withSession(() -> WorkflowEntity.<WorkflowEntity>list("order by createdAt, id")
                .chain(workflows -> WorkflowVersionEntity.<WorkflowVersionEntity>list(
                        "select v from WorkflowVersionEntity v, WorkflowEntity w where v.workflowId = w.id "
                                + "and v.version = w.currentVersion")
                        .map(versions -> {
                            Map<UUID, WorkflowVersionEntity> byWorkflow = new HashMap<>();
                            versions.forEach(v -> byWorkflow.put(v.workflowId, v));
                            return workflows.stream().map(w -> view(w, byWorkflow.get(w.id))).toList();
                        })));
    }

    public Uni<List<WorkflowView>> versions(UUID id) {
        return Panache.withSession(() -> workflow(id).chain(w -> WorkflowVersionEntity
                .<WorkflowVersionEntity>list("workflowId = ?1 order by version", id)
                .map(versions -> versions.stream().map(v -> view(w, v)).toList())));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> workflow(id)
                .chain(w -> OutputTypeEntity.count("workflowDefinitionId", id).chain(users -> {
                    if (users > 0) {
                        throw ApiException.conflict("workflow_in_use", "workflow " + id + " is linked by " + users
                                + " output type(s); unlink them first", "");
                    }
                    return WorkflowVersionEntity.delete("workflowId", id)
                            .chain(() -> w.delete())
                            .chain(() -> changes.delete(RegistryChange.WORKFLOW_DEFINITION, id, w.currentVersion + 1L));
                }))).invoke(changes::committed);
    }

    /** The latest version and its analysis, inside the caller's session. */
    public Uni<Snapshot> latest(UUID id) {
        return latest(id, false);
    }

    /**
     * With {@code forUpdate} the definition row stays locked until the transaction ends, so concurrent updates
     * queue up and each gets the next version number instead of colliding.
     */
    private Uni<Snapshot> latest(UUID id, boolean forUpdate) {
        Uni<WorkflowEntity> found = forUpdate
                ? WorkflowEntity.<WorkflowEntity>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .map(w -> ApiException.found(w, "workflow", id))
                : workflow(id);
        return found.chain(w -> WorkflowVersionEntity
                .<WorkflowVersionEntity>find("workflowId = ?1 and version = ?2", id, w.currentVersion).singleResult()
                .map(v -> new Snapshot(w, v, validator.validate(JsonText.read(v.config)).analysis())));
    }

    private Uni<WorkflowEntity> workflow(UUID id) {
        return WorkflowEntity.<WorkflowEntity>findById(id).map(w -> ApiException.found(w, "workflow", id));
    }

    /**
     * The output type this workflow names must exist and accept what it produces; so must every output type that
     * already links this workflow (a new version may not break them).
     */
    private Uni<Void> checkOutputTypes(UUID workflowId, UUID outputTypeId, GraphAnalysis analysis) {
        Uni<List<ValidationError>> named = outputTypeId == null ? Uni.createFrom().item(List.of())
                : OutputTypeEntity.<OutputTypeEntity>findById(outputTypeId).map(ot -> ot == null
                        ? List.of(new ValidationError("unknown_output_type", "output type " + outputTypeId + " does not exist",
                                "/output_type_id"))
                        : prefixed(ot, InvocationContract.compatibility(ot.workflowFamily, ot.artifactKind, analysis)));
        Uni<List<ValidationError>> linking = OutputTypeEntity.<OutputTypeEntity>list("workflowDefinitionId", workflowId)
                .map(types -> {
                    List<ValidationError> errors = new ArrayList<>();
                    for (OutputTypeEntity ot : types) {
                        if (ot.id.equals(outputTypeId)) {
                            continue;
                        }
                        errors.addAll(prefixed(ot, InvocationContract.compatibility(ot.workflowFamily, ot.artifactKind, analysis)));
                        errors.addAll(prefixed(ot, InvocationContract.overrides(JsonText.read(ot.invocationOverrides), analysis,
                                validator)));
                    }
                    return errors;
                });
        return named.chain(a -> linking.map(b -> {
            List<ValidationError> all = new ArrayList<>(a);
            all.addAll(b);
            if (!all.isEmpty()) {
                throw ApiException.unprocessable(all.get(0).code().equals("unknown_output_type") ? "unknown_output_type"
                        : "incompatible_output_type", all.get(0).message(), FieldErrors.of(all));
            }
            return null;
        }));
    }

    private static List<ValidationError> prefixed(OutputTypeEntity ot, List<ValidationError> errors) {
        return errors.stream().map(e -> new ValidationError(e.code(), "Output type '" + ot.name + "': " + e.message(),
                "/output_type_id")).toList();
    }

    private Uni<WorkflowView> publish(WorkflowEntity w, WorkflowVersionEntity v) {
        WorkflowView view = view(w, v);
        return changes.upsert(RegistryChange.WORKFLOW_DEFINITION, w.id, v.version, JsonText.tree(view)).replaceWith(view);
    }

    private static WorkflowVersionEntity version(UUID workflowId, int number, String name, boolean active, UUID outputTypeId,
            WorkflowAdmission.Admitted admitted, Instant now, String actor) {
        WorkflowVersionEntity v = new WorkflowVersionEntity();
        v.id = UUID.randomUUID();
        v.workflowId = workflowId;
        v.version = number;
        v.name = name;
        v.active = active;
        v.outputTypeId = outputTypeId;
        v.config = JsonText.write(admitted.config());
        v.family = admitted.analysis().family().wire();
        v.contextKind = admitted.analysis().contextKind();
        ArrayNode kinds = JsonText.object().arrayNode();
        admitted.analysis().terminalArtifactKinds().forEach(kinds::add);
        v.terminalArtifactKinds = JsonText.write(kinds);
        v.createdAt = now;
        v.createdBy = actor;
        return v;
    }

    /** The REST representation, which is also the change event's state. */
    static WorkflowView view(WorkflowEntity w, WorkflowVersionEntity v) {
        JsonNode config = JsonText.read(v.config);
        List<String> kinds = new ArrayList<>();
        JsonText.read(v.terminalArtifactKinds).forEach(k -> kinds.add(k.asText()));
        return new WorkflowView(w.id.toString(), v.name, v.version, w.currentVersion, v.active,
                v.outputTypeId == null ? null : v.outputTypeId.toString(), config, v.family, v.contextKind, kinds,
                config.path("ui").path("execution_mode").asText("legacy"), JsonText.time(w.createdAt),
                JsonText.time(v.createdAt), v.createdBy);
    }
}
