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
import com.hartomat.registry.outputtypes.OutputTypeEntity;
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
            Named before = Named.of(m);
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
            String path = before.name().equals(m.name) ? "/aliases" : "/name";
            return unique(m).chain(() -> stillResolved(m.id, before, m, path)).chain(() -> publish(m));
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
        return Panache.withTransaction(() -> find(id).chain(m -> stillResolved(id, Named.of(m), null, "").chain(() -> m.delete())
                .chain(() -> changes.delete(RegistryChange.MATERIAL, id, m.version + 1L))))
                .invoke(changes::committed);
    }

    /**
     * An output type's {@code default_material} names a material of the library (checked when the output type is
     * saved); a delete, rename or alias change that would leave such a name resolving to nothing is refused with 409
     * {@code material_in_use}, naming the output types. {@code before} is the changed material as it was (name,
     * aliases), {@code after} as it will be, null when it is deleted; {@code path} the member whose change is refused.
     * Output types whose name resolved to nothing
     * before (saved before this check existed) do not block the change.
     */
    private Uni<Void> stillResolved(UUID changedId, Named before, MaterialEntity after, String path) {
        return OutputTypeEntity.<OutputTypeEntity>list("defaultMaterial is not null").chain(types -> types.isEmpty()
                ? Uni.createFrom().voidItem()
                : MaterialEntity.<MaterialEntity>listAll().map(all -> {
                    List<MaterialEntity> others = all.stream().filter(x -> !x.id.equals(changedId)).toList();
                    List<String> orphaned = types.stream()
                            .filter(t -> before.matches(t.defaultMaterial))
                            .filter(t -> others.stream().noneMatch(x -> matches(x, t.defaultMaterial)))
                            .filter(t -> after == null || !matches(after, t.defaultMaterial))
                            .map(t -> "'" + t.name + "' (default_material '" + t.defaultMaterial + "')").sorted().toList();
                    if (!orphaned.isEmpty()) {
                        throw ApiException.conflict("material_in_use", "output type(s) " + String.join(", ", orphaned)
                                + " name this material; point them at another material first", path);
                    }
                    return null;
                }));
    }

    /** A material's name and aliases as they were before a change. */
    private record Named(String name, String aliases) {
        static Named of(MaterialEntity m) {
            return new Named(m.name, m.aliases);
        }

        boolean matches(String nameOrAlias) {
            return MaterialService.matches(name, aliases, nameOrAlias);
        }
    }

    /**
     * Whether the library has a material of that name or alias (case-insensitive), as dispatch's resolution finds it;
     * runs in the caller's session.
     */
    public Uni<Boolean> exists(String nameOrAlias) {
        return MaterialEntity.<MaterialEntity>listAll().map(all -> all.stream().anyMatch(m -> matches(m, nameOrAlias)));
    }

    static boolean matches(MaterialEntity m, String nameOrAlias) {
        return matches(m.name, m.aliases, nameOrAlias);
    }

    /** {@code aliases}: the stored JSON array. */
    private static boolean matches(String name, String aliases, String nameOrAlias) {
        if (name.equalsIgnoreCase(nameOrAlias)) {
            return true;
        }
        for (JsonNode alias : JsonText.read(aliases)) {
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
