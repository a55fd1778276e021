package com.hartomat.registry.outputtypes;

import com.hartomat.api.errors.FieldError;
import com.hartomat.registry.errors.FieldErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.registry.Ids;
import com.hartomat.registry.JsonText;
import com.hartomat.registry.catalogue.MaterialService;
import com.hartomat.registry.changes.ChangePublisher;
import com.hartomat.api.errors.ApiException;
import com.hartomat.registry.errors.ReadOnlyMembers;
import com.hartomat.registry.errors.RequestReader;
import com.hartomat.registry.workflows.WorkflowService;
import com.hartomat.workflow.model.ArtifactKinds;
import com.hartomat.workflow.model.GraphAnalysis;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.WorkflowValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Output types as invocation profiles. Create and update enforce the contract with the linked workflow (family,
 * artifact kind, overrides against its node schemas); output types without a workflow stay valid for legacy rendering.
 */
@ApplicationScoped
public class OutputTypeService {

    static final Set<String> FIELDS = Set.of("name", "workflow_family", "artifact_kind", "workflow_definition_id",
            "render_settings", "invocation_overrides", "render_backend", "default_material");

    private final WorkflowService workflows;
    private final WorkflowValidator validator;
    private final NodeCatalog catalog;
    private final ChangePublisher changes;
    private final MaterialService materials;

    public OutputTypeService(WorkflowService workflows, WorkflowValidator validator, NodeCatalog catalog, ChangePublisher changes,
            MaterialService materials) {
        this.workflows = workflows;
        this.materials = materials;
        this.validator = validator;
        this.catalog = catalog;
        this.changes = changes;
    }

    /** What a create or update asks for; null fields were absent. */
    record Request(String name, String family, String artifactKind, UUID workflowId, boolean clearWorkflow,
            ObjectNode renderSettings, ObjectNode overrides, String backend, String defaultMaterial,
            boolean clearDefaultMaterial) {

        static Request read(JsonNode body, boolean create) {
            RequestReader r = RequestReader.of(body, FIELDS);
            Request req = new Request(r.text("name", create, 200),
                    r.choice("workflow_family", false, InvocationContract.FAMILIES),
                    r.choice("artifact_kind", false, ArtifactKinds.ALL),
                    r.uuid("workflow_definition_id"), r.explicitNull("workflow_definition_id"),
                    r.object("render_settings", false), r.object("invocation_overrides", false),
                    r.choice("render_backend", false, InvocationContract.RENDER_BACKENDS),
                    r.text("default_material", false, 200), r.explicitNull("default_material"));
            r.throwIfInvalid();
            return req;
        }
    }

    public Uni<OutputTypeView> create(JsonNode body) {
        Request req = Request.read(body, true);
        return Panache.withTransaction(() -> analysis(req.workflowId()).chain(workflow -> {
            OutputTypeEntity ot = new OutputTypeEntity();
            ot.id = UUID.randomUUID();
            ot.name = req.name();
            // defaults follow the linked workflow when there is one, else a still image (the legacy default)
            ot.workflowFamily = req.family() != null ? req.family()
                    : workflow != null ? workflow.family().wire() : "order_line";
            ot.artifactKind = req.artifactKind() != null ? req.artifactKind()
                    : workflow != null && !workflow.terminalArtifactKinds().isEmpty() ? workflow.terminalArtifactKinds().get(0)
                    : ot.workflowFamily.equals("cad_file") ? ArtifactKinds.CAD_THUMBNAIL : ArtifactKinds.STILL_IMAGE;
            ot.workflowDefinitionId = req.workflowId();
            ot.renderSettings = JsonText.write(req.renderSettings() != null ? req.renderSettings()
                    : InvocationContract.defaultRenderSettings(ot.artifactKind, catalog));
            ot.invocationOverrides = JsonText.write(req.overrides() != null ? req.overrides() : JsonText.object());
            ot.renderBackend = req.backend() != null ? req.backend() : "auto";
            ot.defaultMaterial = req.defaultMaterial();
            ot.version = 1;
            ot.createdAt = Ids.now();
            ot.updatedAt = ot.createdAt;
            enforce(ot, workflow);
            return knownMaterial(ot).chain(() -> uniqueName(ot)).chain(() -> ot.persist()).chain(() -> publish(ot));
        })).invoke(changes::committed);
    }

    public Uni<OutputTypeView> update(UUID id, JsonNode body) {
        ReadOnlyMembers readOnly = ReadOnlyMembers.split(body, OutputTypeView.READ_ONLY);
        Request req = Request.read(readOnly.rest(), false);
        return Panache.withTransaction(() -> find(id).chain(ot -> {
            readOnly.requireUnchanged(JsonText.tree(view(ot)));
            UUID workflowId = req.clearWorkflow() ? null : req.workflowId() != null ? req.workflowId() : ot.workflowDefinitionId;
            return analysis(workflowId).chain(workflow -> {
                if (req.name() != null) {
                    ot.name = req.name();
                }
                if (req.family() != null) {
                    ot.workflowFamily = req.family();
                }
                if (req.artifactKind() != null) {
                    ot.artifactKind = req.artifactKind();
                }
                ot.workflowDefinitionId = workflowId;
                if (req.renderSettings() != null) {
                    ot.renderSettings = JsonText.write(req.renderSettings());
                }
                if (req.overrides() != null) {
                    ot.invocationOverrides = JsonText.write(req.overrides());
                }
                if (req.backend() != null) {
                    ot.renderBackend = req.backend();
                }
                if (req.defaultMaterial() != null || req.clearDefaultMaterial()) {
                    ot.defaultMaterial = req.defaultMaterial();
                }
                ot.version++;
                ot.updatedAt = Ids.now();
                enforce(ot, workflow);
                return knownMaterial(ot).chain(() -> uniqueName(ot)).chain(() -> publish(ot));
            });
        })).invoke(changes::committed);
    }

    public Uni<OutputTypeView> get(UUID id) {
        return Panache.withSession(() -> find(id).map(OutputTypeService::view));
    }

    public Uni<List<OutputTypeView>> list() {
        return Panache.withSession(() -> OutputTypeEntity.<OutputTypeEntity>list("order by name")
                .map(all -> all.stream().map(OutputTypeService::view).toList()));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> find(id).chain(ot -> ot.delete()
                .chain(() -> changes.delete(RegistryChange.OUTPUT_TYPE, id, ot.version + 1L))))
                .invoke(changes::committed);
    }

    /** The contract checks, all errors at once: 422 incompatible_workflow or invalid_output_type. */
    void enforce(OutputTypeEntity ot, GraphAnalysis workflow) {
        List<ValidationError> errors = new ArrayList<>(InvocationContract.kindFitsFamily(ot.workflowFamily, ot.artifactKind));
        List<ValidationError> compatibility = workflow == null ? List.of()
                : InvocationContract.compatibility(ot.workflowFamily, ot.artifactKind, workflow);
        errors.addAll(compatibility);
        errors.addAll(InvocationContract.overrides(JsonText.read(ot.invocationOverrides), workflow, validator));
        errors.addAll(InvocationContract.renderSettings(JsonText.read(ot.renderSettings), ot.artifactKind, catalog, validator));
        if (!errors.isEmpty()) {
            String code = !compatibility.isEmpty() ? "incompatible_workflow" : "invalid_output_type";
            throw ApiException.unprocessable(code, errors.get(0).message(), FieldErrors.of(errors));
        }
    }

    private Uni<GraphAnalysis> analysis(UUID workflowId) {
        if (workflowId == null) {
            return Uni.createFrom().nullItem();
        }
        return workflows.latest(workflowId).map(WorkflowService.Snapshot::analysis)
                .onFailure(ApiException.class).transform(e -> ApiException.unprocessable("unknown_workflow_definition",
                        "workflow " + workflowId + " does not exist", List.of(new FieldError("unknown_workflow_definition",
                                "workflow " + workflowId + " does not exist", "/workflow_definition_id"))));
    }

    /**
     * The default material must be in the material library (by name or alias, case-insensitively, as dispatch resolves
     * it): 422 {@code unknown_material} at {@code /default_material} otherwise. Checked on every save that names one.
     */
    private Uni<Void> knownMaterial(OutputTypeEntity ot) {
        if (ot.defaultMaterial == null) {
            return Uni.createFrom().voidItem();
        }
        return materials.exists(ot.defaultMaterial).map(found -> {
            if (!found) {
                String message = "material '" + ot.defaultMaterial + "' is not in the material library";
                throw ApiException.unprocessable("unknown_material", message,
                        List.of(new FieldError("unknown_material", message, "/default_material")));
            }
            return null;
        });
    }

    private Uni<Void> uniqueName(OutputTypeEntity ot) {
        return OutputTypeEntity.count("name = ?1 and id <> ?2", ot.name, ot.id).map(n -> {
            if (n > 0) {
                throw ApiException.conflict("name_taken", "an output type named '" + ot.name + "' exists", "/name");
            }
            return null;
        });
    }

    private Uni<OutputTypeEntity> find(UUID id) {
        return OutputTypeEntity.<OutputTypeEntity>findById(id).map(ot -> ApiException.found(ot, "output type", id));
    }

    private Uni<OutputTypeView> publish(OutputTypeEntity ot) {
        OutputTypeView view = view(ot);
        return changes.upsert(RegistryChange.OUTPUT_TYPE, ot.id, ot.version, JsonText.tree(view)).replaceWith(view);
    }

    /** The REST representation, which is also the change event's state. */
    static OutputTypeView view(OutputTypeEntity ot) {
        return new OutputTypeView(ot.id.toString(), ot.name, ot.workflowFamily, ot.artifactKind,
                ot.workflowDefinitionId == null ? null : ot.workflowDefinitionId.toString(),
                JsonText.read(ot.renderSettings), JsonText.read(ot.invocationOverrides), ot.renderBackend, ot.defaultMaterial,
                ot.version, JsonText.time(ot.createdAt), JsonText.time(ot.updatedAt));
    }
}
