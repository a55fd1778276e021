package com.hartomat.dispatch.context;

import com.hartomat.dispatch.JsonValues;
import com.hartomat.dispatch.context.ContextRecords.CadFile;
import com.hartomat.dispatch.context.ContextRecords.Order;
import com.hartomat.dispatch.context.ContextRecords.OrderLine;
import com.hartomat.dispatch.context.ContextRecords.Page;
import com.hartomat.dispatch.context.ContextRecords.Product;
import com.hartomat.api.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Products, CAD files, orders and order lines in the dispatch schema. */
@ApplicationScoped
public class ContextStore {

    private final Pool pool;

    public ContextStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<CadFile> insertCadFile(UUID id, String originalName, String storedPath, String hash, long size) {
        return one(pool.preparedQuery("INSERT INTO dispatch.cad_files (id, original_name, stored_path, file_hash, file_size) "
                + "VALUES ($1, $2, $3, $4, $5) RETURNING *").execute(Tuple.of(id, originalName, storedPath, hash, size)),
                CadFile::of, "cad_file", id);
    }

    public Uni<CadFile> cadFile(UUID id) {
        return one(pool.preparedQuery("SELECT * FROM dispatch.cad_files WHERE id = $1").execute(Tuple.of(id)),
                CadFile::of, "cad_file", id);
    }

    public Uni<CadFile> patchCadFile(UUID id, Map<String, Object> parsedObjects) {
        return one(pool.preparedQuery("UPDATE dispatch.cad_files SET parsed_objects = $2, updated_at = now() "
                + "WHERE id = $1 RETURNING *").execute(Tuple.of(id, JsonValues.jsonb(parsedObjects))),
                CadFile::of, "cad_file", id);
    }

    public Uni<Page<CadFile>> cadFiles(int page, int size) {
        return page("dispatch.cad_files", "", Tuple.tuple(), page, size, CadFile::of);
    }

    public Uni<Void> deleteCadFile(UUID id) {
        return delete("DELETE FROM dispatch.cad_files WHERE id = $1", id, "cad_file");
    }

    public Uni<Product> insertProduct(UUID id, String pimId, String name, String category, UUID cadFileId,
            List<Map<String, Object>> materials) {
        return one(pool.preparedQuery("INSERT INTO dispatch.products (id, pim_id, name, category_key, cad_file_id, "
                + "cad_part_materials) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *")
                .execute(Tuple.from(new Object[] {id, pimId, name, category, cadFileId, JsonValues.jsonb(materials)})),
                Product::of, "product", id);
    }

    public Uni<Product> updateProduct(UUID id, String pimId, String name, String category, UUID cadFileId,
            List<Map<String, Object>> materials) {
        return one(pool.preparedQuery("UPDATE dispatch.products SET pim_id = $2, name = $3, category_key = $4, "
                + "cad_file_id = $5, cad_part_materials = $6, updated_at = now() WHERE id = $1 RETURNING *")
                .execute(Tuple.from(new Object[] {id, pimId, name, category, cadFileId, JsonValues.jsonb(materials)})),
                Product::of, "product", id);
    }

    public Uni<Product> product(UUID id) {
        return one(pool.preparedQuery("SELECT * FROM dispatch.products WHERE id = $1").execute(Tuple.of(id)),
                Product::of, "product", id);
    }

    public Uni<Page<Product>> products(int page, int size) {
        return page("dispatch.products", "", Tuple.tuple(), page, size, Product::of);
    }

    public Uni<Void> deleteProduct(UUID id) {
        return delete("DELETE FROM dispatch.products WHERE id = $1", id, "product");
    }

    public Uni<Order> insertOrder(UUID id, String number, String createdBy, String status) {
        return one(pool.preparedQuery("INSERT INTO dispatch.orders (id, order_number, created_by, status) "
                + "VALUES ($1, $2, $3, $4) RETURNING *").execute(Tuple.of(id, number, createdBy, status)),
                Order::of, "order", id);
    }

    public Uni<Order> order(UUID id) {
        return one(pool.preparedQuery("SELECT * FROM dispatch.orders WHERE id = $1").execute(Tuple.of(id)),
                Order::of, "order", id);
    }

    /**
     * Moves the order's status, stamping processing_started_at and completed_at as the lifecycle demands. An order
     * with lines still open ({@code open_lines}, kept by the database: V11) is not {@code completed} by hand: 409
     * {@code order_lines_open}; it completes by itself once they have ended (V12). The count is checked by the UPDATE
     * itself, on the locked row, so a line added or opened meanwhile is seen.
     */
    public Uni<Order> moveOrder(UUID id, OrderStatus to) {
        return order(id).flatMap(current -> {
            OrderStatus from = OrderStatus.parse(current.status(), "/status");
            if (!from.canMoveTo(to)) {
                return Uni.createFrom().failure(ApiException.conflict("invalid_status_transition",
                        "order " + id + " cannot move from " + from.wire() + " to " + to.wire(), "/status"));
            }
            return pool.preparedQuery("UPDATE dispatch.orders SET status = $2, updated_at = now(), "
                    + "processing_started_at = CASE WHEN $2 = 'processing' THEN coalesce(processing_started_at, now()) "
                    + "ELSE processing_started_at END, "
                    + "completed_at = CASE WHEN $2 IN ('completed', 'failed') THEN now() ELSE completed_at END "
                    + "WHERE id = $1 AND ($2 <> 'completed' OR open_lines = 0) RETURNING *")
                    .execute(Tuple.of(id, to.wire())).flatMap(set -> set.size() > 0
                            ? Uni.createFrom().item(Order.of(set.iterator().next()))
                            : linesOpen(id, to));
        });
    }

    private Uni<Order> linesOpen(UUID id, OrderStatus to) {
        return one(pool.preparedQuery("SELECT open_lines FROM dispatch.orders WHERE id = $1").execute(Tuple.of(id)),
                r -> r.getInteger("open_lines"), "order", id).flatMap(open -> {
                    if (open == 0) {
                        return moveOrder(id, to); // its last line ended meanwhile
                    }
                    throw ApiException.conflict("order_lines_open", "order " + id + " cannot be completed: " + open
                            + (open == 1 ? " line is" : " lines are") + " still open (not completed, failed or "
                            + "cancelled); it completes by itself once they have ended", "/status");
                });
    }

    public Uni<Page<Order>> orders(int page, int size) {
        return page("dispatch.orders", "", Tuple.tuple(), page, size, Order::of);
    }

    public Uni<Void> deleteOrder(UUID id) {
        return delete("DELETE FROM dispatch.orders WHERE id = $1", id, "order");
    }

    /**
     * Adds a line to an order that is still open: a {@code completed}, {@code failed} or {@code cancelled} order takes
     * no new line (409 {@code order_closed}), it would stay closed with a line pending. The order row is locked while
     * the line is added, so that the completion of its last open line (LifecycleStore) either sees the new line or
     * comes first and makes the insert refuse.
     */
    public Uni<OrderLine> insertOrderLine(UUID id, UUID orderId, UUID productId, String outputTypeId) {
        return pool.preparedQuery("WITH open_order AS (SELECT id FROM dispatch.orders WHERE id = $2 "
                + "AND status NOT IN ('completed', 'failed', 'cancelled') FOR NO KEY UPDATE) "
                + "INSERT INTO dispatch.order_lines (id, order_id, product_id, output_type_id) "
                + "SELECT $1::uuid, open_order.id, $3::uuid, $4::text FROM open_order RETURNING *")
                .execute(Tuple.of(id, orderId, productId, outputTypeId))
                .flatMap(set -> set.size() > 0 ? Uni.createFrom().item(OrderLine.of(set.iterator().next()))
                        : order(orderId).map(o -> {
                            throw ApiException.conflict("order_closed", "order " + orderId + " is " + o.status()
                                    + ": a completed, failed or cancelled order takes no new lines; add them "
                                    + "to a new order",
                                    "/order_id");
                        }));
    }

    public Uni<OrderLine> orderLine(UUID id) {
        return one(pool.preparedQuery("SELECT * FROM dispatch.order_lines WHERE id = $1").execute(Tuple.of(id)),
                OrderLine::of, "order_line", id);
    }

    public Uni<OrderLine> patchOrderLine(UUID id, String outputTypeId, String renderStatus, String resultPath) {
        return one(pool.preparedQuery("UPDATE dispatch.order_lines SET output_type_id = coalesce($2, output_type_id), "
                + "render_status = coalesce($3, render_status), result_path = coalesce($4, result_path), "
                + "updated_at = now() WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, outputTypeId, renderStatus, resultPath)), OrderLine::of, "order_line", id);
    }

    public Uni<Page<OrderLine>> orderLines(UUID orderId, int page, int size) {
        return orderId == null ? page("dispatch.order_lines", "", Tuple.tuple(), page, size, OrderLine::of)
                : page("dispatch.order_lines", "WHERE order_id = $1", Tuple.of(orderId), page, size, OrderLine::of);
    }

    public Uni<Void> deleteOrderLine(UUID id) {
        return delete("DELETE FROM dispatch.order_lines WHERE id = $1", id, "order_line");
    }

    private <T> Uni<T> one(Uni<RowSet<Row>> rows, Function<Row, T> mapper, String what, UUID id) {
        return rows.map(set -> {
            if (set.size() == 0) {
                throw ApiException.noSuch(what, String.valueOf(id));
            }
            return mapper.apply(set.iterator().next());
        });
    }

    private Uni<Void> delete(String sql, UUID id, String what) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(set -> {
            if (set.rowCount() == 0) {
                throw ApiException.noSuch(what, String.valueOf(id));
            }
            return null;
        });
    }

    /** The largest page a context listing returns (a larger page_size is capped). */
    public static final int MAX_PAGE_SIZE = 500;

    private <T> Uni<Page<T>> page(String table, String where, Tuple args, int page, int size, Function<Row, T> mapper) {
        int p = Math.max(page, 1);
        int s = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        int n = args.size();
        Tuple paged = Tuple.tuple();
        for (int i = 0; i < n; i++) {
            paged.addValue(args.getValue(i));
        }
        paged.addInteger(s).addLong((long) (p - 1) * s);
        String sql = "SELECT *, count(*) OVER () AS total FROM " + table + " " + where
                + " ORDER BY created_at DESC, id LIMIT $" + (n + 1) + " OFFSET $" + (n + 2);
        return pool.preparedQuery(sql).execute(paged).map(set -> {
            List<T> items = new ArrayList<>();
            long total = 0;
            for (Row row : set) {
                items.add(mapper.apply(row));
                total = row.getLong("total");
            }
            return new Page<>(items, total, p, s);
        });
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now();
    }
}
