package com.hartomat.dispatch.publication;

import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.api.errors.ApiException;
import com.hartomat.api.errors.PageParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads what publication wrote: media assets and notifications, filtered and paged (newest first). */
@ApplicationScoped
public class PublicationQueries {

    private static final String ASSET_FILTER = "($1::uuid IS NULL OR order_line_id = $1) "
            + "AND ($2::uuid IS NULL OR product_id = $2) AND ($3::text IS NULL OR asset_type = $3)";
    private static final String NOTIFICATION_FILTER = "($1::uuid IS NULL OR order_id = $1) "
            + "AND ($2::uuid IS NULL OR order_line_id = $2)";

    private final Pool pool;

    public PublicationQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<MediaAsset>> mediaAssets(UUID orderLineId, UUID productId, String assetType, PageParams page) {
        return page("dispatch.media_assets", ASSET_FILTER, Tuple.of(orderLineId, productId, assetType), page,
                MediaAsset::of);
    }

    public Uni<MediaAsset> mediaAsset(UUID id) {
        return pool.preparedQuery("SELECT * FROM dispatch.media_assets WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.noSuch("media_asset", id.toString());
                    }
                    return MediaAsset.of(rows.iterator().next());
                });
    }

    public Uni<Page<Notification>> notifications(UUID orderId, UUID orderLineId, PageParams page) {
        return page("dispatch.notifications", NOTIFICATION_FILTER, Tuple.of(orderId, orderLineId), page,
                Notification::of);
    }

    /**
     * One statement: the count of all matching rows joined with the page of them, so the total is right even for a
     * page past the end (which then comes back as one row of nulls besides the total).
     */
    private <T> Uni<Page<T>> page(String table, String filter, Tuple filterArgs, PageParams page,
            Function<Row, T> mapper) {
        int limit = filterArgs.size() + 1;
        String sql = "SELECT t.total, p.* FROM (SELECT count(*) AS total FROM " + table + " WHERE " + filter + ") t "
                + "LEFT JOIN LATERAL (SELECT * FROM " + table + " WHERE " + filter + " ORDER BY created_at DESC, id "
                + "LIMIT $" + limit + " OFFSET $" + (limit + 1) + ") p ON true";
        Tuple args = Tuple.tuple();
        for (int i = 0; i < filterArgs.size(); i++) {
            args.addValue(filterArgs.getValue(i));
        }
        args.addInteger(page.size()).addLong(page.offset());
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<T> items = new ArrayList<>();
            long total = 0;
            for (Row r : rows) {
                total = r.getLong("total");
                if (r.getValue("id") != null) {
                    items.add(mapper.apply(r));
                }
            }
            return new Page<>(items, total, page.page(), page.size());
        });
    }
}
