package com.hartomat.registry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.registry.Ids;
import com.hartomat.registry.JsonText;
import com.hartomat.registry.changes.ChangePublisher;
import com.hartomat.api.errors.ApiException;
import com.hartomat.registry.errors.ReadOnlyMembers;
import com.hartomat.registry.errors.RequestReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Render templates per product category: the catalogue resolve_template reads (through dispatch's read model). */
@ApplicationScoped
public class RenderTemplateService {

    static final Set<String> FIELDS = Set.of("category_key", "name", "template_path", "use_materials", "camera_preset",
            "lighting_preset");
    public static final List<String> CAMERA_PRESETS = List.of("auto_fit", "front", "three_quarter", "top", "template_camera");
    public static final List<String> LIGHTING_PRESETS = List.of("studio_soft", "studio_hard", "hdri_neutral", "template_lights");
    static final Pattern CATEGORY_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** A relative .blend path inside artifact storage: no parent traversal, no absolute paths. */
    static final Pattern TEMPLATE_PATH = Pattern.compile("(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\x00]{1,500}\\.blend");

    private final ChangePublisher changes;

    public RenderTemplateService(ChangePublisher changes) {
        this.changes = changes;
    }

    record Request(String categoryKey, String name, String templatePath, boolean clearTemplatePath, Boolean useMaterials,
            String camera, String lighting) {

        static Request read(JsonNode body, boolean create) {
            RequestReader r = RequestReader.of(body, FIELDS);
            Request req = new Request(r.matching("category_key", create, CATEGORY_KEY, "1-100 letters, digits, '_', '.', '-'"),
                    r.text("name", false, 200),
                    r.matching("template_path", false, TEMPLATE_PATH, "a relative path to a .blend file"),
                    r.explicitNull("template_path"), r.bool("use_materials"),
                    r.choice("camera_preset", false, CAMERA_PRESETS), r.choice("lighting_preset", false, LIGHTING_PRESETS));
            r.throwIfInvalid();
            return req;
        }
    }

    public Uni<RenderTemplateView> create(JsonNode body) {
        Request req = Request.read(body, true);
        RenderTemplateEntity t = new RenderTemplateEntity();
        t.id = UUID.randomUUID();
        t.categoryKey = req.categoryKey();
        t.name = req.name() != null ? req.name() : req.categoryKey();
        t.templatePath = req.templatePath();
        t.useMaterials = req.useMaterials() == null || req.useMaterials();
        t.cameraPreset = req.camera() != null ? req.camera() : "auto_fit";
        t.lightingPreset = req.lighting() != null ? req.lighting() : "studio_soft";
        t.version = 1;
        t.createdAt = Ids.now();
        t.updatedAt = t.createdAt;
        return Panache.withTransaction(() -> unique(t).chain(() -> t.persist()).chain(() -> publish(t)))
                .invoke(changes::committed);
    }

    public Uni<RenderTemplateView> update(UUID id, JsonNode body) {
        ReadOnlyMembers readOnly = ReadOnlyMembers.split(body, RenderTemplateView.READ_ONLY);
        Request req = Request.read(readOnly.rest(), false);
        return Panache.withTransaction(() -> find(id).chain(t -> {
            readOnly.requireUnchanged(JsonText.tree(view(t)));
            if (req.categoryKey() != null) {
                t.categoryKey = req.categoryKey();
            }
            if (req.name() != null) {
                t.name = req.name();
            }
            if (req.templatePath() != null || req.clearTemplatePath()) {
                t.templatePath = req.templatePath();
            }
            if (req.useMaterials() != null) {
                t.useMaterials = req.useMaterials();
            }
            if (req.camera() != null) {
                t.cameraPreset = req.camera();
            }
            if (req.lighting() != null) {
                t.lightingPreset = req.lighting();
            }
            t.version++;
            t.updatedAt = Ids.now();
            return unique(t).chain(() -> publish(t));
        })).invoke(changes::committed);
    }

    public Uni<RenderTemplateView> get(UUID id) {
        return Panache.withSession(() -> find(id).map(RenderTemplateService::view));
    }

    public Uni<List<RenderTemplateView>> list(String categoryKey) {
        return Panache.withSession(() -> (categoryKey == null
                ? RenderTemplateEntity.<RenderTemplateEntity>list("order by categoryKey")
                : RenderTemplateEntity.<RenderTemplateEntity>list("categoryKey", categoryKey)).map(all -> all.stream().map(RenderTemplateService::view).toList()));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> find(id).chain(t -> t.delete()
                .chain(() -> changes.delete(RegistryChange.RENDER_TEMPLATE, id, t.version + 1L))))
                .invoke(changes::committed);
    }

    private Uni<Void> unique(RenderTemplateEntity t) {
        return RenderTemplateEntity.count("categoryKey = ?1 and id <> ?2", t.categoryKey, t.id).map(n -> {
            if (n > 0) {
                throw ApiException.conflict("category_key_taken", "a render template for category '" + t.categoryKey + "' exists",
                        "/category_key");
            }
            return null;
        });
    }

    private Uni<RenderTemplateEntity> find(UUID id) {
        return RenderTemplateEntity.<RenderTemplateEntity>findById(id).map(t -> ApiException.found(t, "render template", id));
    }

    private Uni<RenderTemplateView> publish(RenderTemplateEntity t) {
        RenderTemplateView view = view(t);
        return changes.upsert(RegistryChange.RENDER_TEMPLATE, t.id, t.version, JsonText.tree(view)).replaceWith(view);
    }

    /** The REST representation, which is also the change event's state. */
    static RenderTemplateView view(RenderTemplateEntity t) {
        return new RenderTemplateView(t.id.toString(), t.categoryKey, t.name, t.templatePath, t.useMaterials, t.cameraPreset,
                t.lightingPreset, t.version, JsonText.time(t.createdAt), JsonText.time(t.updatedAt));
    }
}
