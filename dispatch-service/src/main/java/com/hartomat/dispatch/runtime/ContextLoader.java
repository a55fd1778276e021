package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.messages.ContextKind;
import com.hartomat.dispatch.JsonValues;
import com.hartomat.api.errors.ApiException;
import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.runtime.nodes.NodeScope;
import com.hartomat.workflow.model.AnalyzedNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads render contexts (one query each) and the registry library a plan's in-process steps read. */
@ApplicationScoped
public class ContextLoader {

    private static final String ORDER_LINE = "SELECT ol.id, ol.order_id, ol.output_type_id, o.status AS order_status, "
            + "p.id AS product_id, p.name AS product_name, p.category_key, p.cad_part_materials, c.id AS cad_file_id, "
            + "c.original_name, c.stored_path, c.parsed_objects FROM dispatch.order_lines ol "
            + "JOIN dispatch.orders o ON o.id = ol.order_id JOIN dispatch.products p ON p.id = ol.product_id "
            + "LEFT JOIN dispatch.cad_files c ON c.id = p.cad_file_id WHERE ol.id = $1";

    private final Pool pool;
    private final RegistryReadModel readModel;

    public ContextLoader(Pool pool, RegistryReadModel readModel) {
        this.pool = pool;
        this.readModel = readModel;
    }

    public Uni<Optional<ContextData>> orderLine(UUID id) {
        return pool.preparedQuery(ORDER_LINE).execute(Tuple.of(id)).map(rows -> rows.size() == 0
                ? Optional.<ContextData>empty() : Optional.of(orderLine(rows.iterator().next())));
    }

    public Uni<Optional<ContextData>> cadFile(UUID id) {
        return pool.preparedQuery("SELECT * FROM dispatch.cad_files WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<ContextData>empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new ContextData(ContextKind.CAD_FILE, null, null, null, null, null, null, List.of(),
                            null, r.getUUID("id"), r.getString("original_name"), r.getString("stored_path"),
                            JsonValues.plain(r.getValue("parsed_objects"))));
                });
    }

    /** A context id resolves to an order line first, else a CAD file; 404 when it is neither. */
    public Uni<ContextData> resolve(UUID contextId) {
        return orderLine(contextId).flatMap(line -> line.isPresent() ? Uni.createFrom().item(line)
                : cadFile(contextId)).map(found -> found.orElseThrow(() -> new ApiException(404, "context_not_found",
                        "context '" + contextId + "' is neither an order line nor a CAD file", "/context_id")));
    }

    /**
     * The template and material library, fetched only when the plan has steps that read them (the library also when the
     * context's output type names a default material), and that default material resolved.
     */
    public Uni<NodeScope.Library> library(WorkflowPlanner.Plan plan, ContextData ctx) {
        List<AnalyzedNode> nodes = plan.analysis().nodes();
        boolean template = nodes.stream().anyMatch(n -> n.step().equals("resolve_template"));
        boolean materials = nodes.stream().anyMatch(n -> n.step().equals("material_map_resolve"));
        String category = nodes.stream().filter(n -> n.step().equals("resolve_template"))
                .map(n -> n.params().get("category_key_override")).filter(v -> v != null && !String.valueOf(v).isBlank())
                .map(String::valueOf).findFirst().orElse(ctx.categoryKey());
        Uni<Optional<RegistryEntity>> t = template ? readModel.templateForCategory(category)
                : Uni.createFrom().item(Optional.empty());
        // the output type's default material goes on every render job: the library is read for it too
        Uni<Optional<RegistryEntity>> outputType = readModel.outputType(ctx.outputTypeId());
        return t.flatMap(found -> outputType.flatMap(ot -> {
            String defaultMaterial = MaterialLibrary.defaultMaterialName(ot);
            Uni<List<RegistryEntity>> m = materials || defaultMaterial != null ? readModel.all("material")
                    : Uni.createFrom().item(List.of());
            return m.map(library -> new NodeScope.Library(found, library,
                    MaterialLibrary.defaultMaterial(defaultMaterial, library)));
        }));
    }

    private static ContextData orderLine(Row r) {
        return new ContextData(ContextKind.ORDER_LINE, r.getUUID("id"), r.getUUID("order_id"), r.getString("order_status"),
                r.getUUID("product_id"), r.getString("product_name"), r.getString("category_key"),
                JsonValues.list(r.getValue("cad_part_materials")), r.getString("output_type_id"), r.getUUID("cad_file_id"),
                r.getString("original_name"), r.getString("stored_path"), JsonValues.plain(r.getValue("parsed_objects")));
    }
}
