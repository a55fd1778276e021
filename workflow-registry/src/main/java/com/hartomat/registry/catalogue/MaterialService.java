package com.hartomat.registry.catalogue;

import com.hartomat.registry.errors.FieldErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.registry.Ids;
import com.hartomat.registry.JsonText;
import com.hartomat.registry.changes.ChangePublisher;
import com.hartomat.api.errors.ApiException;
import com.hartomat.registry.errors.ReadOnlyMembers;
import com.hartomat.registry.errors.RequestReader;
import com.hartomat.workflow.model.ValidationError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The material library: material name → render material definition, with aliases used by material_map_resolve. */
@ApplicationScoped
public class MaterialService {

    static final Set<String> FIELDS = Set.of("name", "aliases", "definition");

    private final ChangePublisher changes;

    public MaterialService(ChangePublisher changes) {
        this.changes = changes;
    }

    record Request(String name, List<String> aliases, ObjectNode definition) {

        static Request read(JsonNode body, boolean create) {
            RequestReader r = RequestReader.of(body, FIELDS);
            Request req = new Request(r.text("name", create, 200), r.textList("aliases", 100, 200), r.object("definition", false));
            r.throwIfInvalid();
            if (req.definition() != null) {
                List<ValidationError> errors = MaterialDefinition.check(req.definition());
                if (!errors.isEmpty()) {
                    throw ApiException.unprocessable("invalid_material_definition", errors.get(0).message(), FieldErrors.of(errors));
                }
            }
            return req;
        }
    }

    public Uni<MaterialView> create(JsonNode body) {
        Request req = Request.read(body, true);
        MaterialEntity m = new MaterialEntity();
        m.id = UUID.randomUUID();
        m.name = req.name();
        m.aliases = JsonText.write(aliases(req.aliases() == null ? List.of() : req.aliases()));
        m.definition = JsonText.write(MaterialDefinition.withDefaults(req.definition() != null ? req.definition() : JsonText.object()));
        m.version = 1;
        m.createdAt = Ids.now();
        m.updatedAt = m.createdAt;
        return Panache.withTransaction(() -> unique(m).chain(() -> m.persist()).chain(() -> publish(m)))
                .invoke(changes::committed);
    }

    public Uni<MaterialView> update(UUID id, JsonNode body) {
        ReadOnlyMembers readOnly = ReadOnlyMembers.split(body, MaterialView.READ_ONLY);
        Request req = Request.read(readOnly.rest(), false);
        return Panache.withTransaction(() -> find(id).chain(m -> {
            readOnly.requireUnchanged(JsonText.tree(view(m)));
            if (req.name() != null) {
                m.name = req.name();
            }
            if (req.aliases() != null) {
                m.aliases = JsonText.write(aliases(req.aliases()));
            }
            if (req.definition() != null) {
                m.definition = JsonText.write(MaterialDefinition.withDefaults(req.definition()));
            }
            m.version++;
            m.updatedAt = Ids.now();
            return unique(m).chain(() -> publish(m));
        })).invoke(changes::committed);
    }

    public Uni<MaterialView> get(UUID id) {
        return Panache.withSession(() -> find(id).map(MaterialService::view));
    }

    public Uni<List<MaterialView>> list() {
        return Panache.withSession(() -> MaterialEntity.<MaterialEntity>list("order by name")
                .map(all -> all.stream().map(MaterialService::view).toList()));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> find(id).chain(m -> m.delete()
                .chain(() -> changes.delete(RegistryChange.MATERIAL, id, m.version + 1L))))
                .invoke(changes::committed);
    }

    /**
     * Whether the library has a material of that name or alias (case-insensitive), as dispatch's resolution finds it;
     * runs in the caller's session.
     */
    public Uni<Boolean> exists(String nameOrAlias) {
        return MaterialEntity.<MaterialEntity>listAll().map(all -> all.stream().anyMatch(m -> matches(m, nameOrAlias)));
    }

    static boolean matches(MaterialEntity m, String nameOrAlias) {
        if (m.name.equalsIgnoreCase(nameOrAlias)) {
            return true;
        }
        for (JsonNode alias : JsonText.read(m.aliases)) {
            if (alias.asText().equalsIgnoreCase(nameOrAlias)) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode aliases(List<String> aliases) {
        ArrayNode a = JsonText.object().arrayNode();
        aliases.forEach(a::add);
        return a;
    }

    private Uni<Void> unique(MaterialEntity m) {
        return MaterialEntity.count("name = ?1 and id <> ?2", m.name, m.id).map(n -> {
            if (n > 0) {
                throw ApiException.conflict("name_taken", "a material named '" + m.name + "' exists", "/name");
            }
            return null;
        });
    }

    private Uni<MaterialEntity> find(UUID id) {
        return MaterialEntity.<MaterialEntity>findById(id).map(m -> ApiException.found(m, "material", id));
    }

    private Uni<MaterialView> publish(MaterialEntity m) {
        MaterialView view = view(m);
        return changes.upsert(RegistryChange.MATERIAL, m.id, m.version, JsonText.tree(view)).replaceWith(view);
    }

    /** The REST representation, which is also the change event's state. */
    static MaterialView view(MaterialEntity m) {
        List<String> aliases = new ArrayList<>();
        JsonText.read(m.aliases).forEach(a -> aliases.add(a.asText()));
        return new MaterialView(m.id.toString(), m.name, aliases, JsonText.read(m.definition), m.version,
                JsonText.time(m.createdAt), JsonText.time(m.updatedAt));
    }
}
