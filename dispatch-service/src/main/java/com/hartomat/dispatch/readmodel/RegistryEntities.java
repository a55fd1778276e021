package com.hartomat.dispatch.readmodel;

import com.hartomat.dispatch.JsonValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The read model's rows ({@code dispatch.registry_entities}), as far as a lookup of one entity needs them. */
@ApplicationScoped
public class RegistryEntities {

    private final Pool pool;

    public RegistryEntities(Pool pool) {
        this.pool = pool;
    }

    /** A lookup: the entity if held and not deleted; {@code deleted} when a change event deleted it. */
    public record Local(Optional<RegistryEntity> entity, boolean deleted) {
        boolean isPresent() {
            return entity.isPresent();
        }
    }

    public Uni<Local> local(String type, String id) {
        return pool.preparedQuery("SELECT * FROM dispatch.registry_entities WHERE entity_type = $1 AND entity_id = $2")
                .execute(Tuple.of(type, id)).map(rows -> {
                    if (rows.size() == 0) {
                        return new Local(Optional.empty(), false);
                    }
                    Row row = rows.iterator().next();
                    return row.getBoolean("deleted") ? new Local(Optional.empty(), true)
                            : new Local(Optional.of(entity(row)), false);
                });
    }

    /** Only what the read model holds. */
    public Uni<Optional<RegistryEntity>> known(String type, String id) {
        return local(type, id).map(Local::entity);
    }

    static RegistryEntity entity(Row row) {
        return new RegistryEntity(row.getString("entity_type"), row.getString("entity_id"), row.getLong("entity_version"),
                JsonValues.map(row.getValue("state")));
    }
}
