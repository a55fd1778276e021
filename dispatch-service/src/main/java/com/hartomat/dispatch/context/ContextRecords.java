package com.hartomat.dispatch.context;

import com.hartomat.dispatch.JsonValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The render contexts as the API shows them (snake_case on the wire). */
public final class ContextRecords {

    private ContextRecords() {
    }

    public record CadFile(UUID id, String originalName, String storedPath, String fileHash, Long fileSize,
            Object parsedObjects, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static CadFile of(Row r) {
            return new CadFile(r.getUUID("id"), r.getString("original_name"), r.getString("stored_path"),
                    r.getString("file_hash"), r.getLong("file_size"), JsonValues.plain(r.getValue("parsed_objects")),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        }
    }

    public record PartMaterial(String partName, String material) {
    }

    public record Product(UUID id, String pimId, String name, String categoryKey, UUID cadFileId,
            List<Object> cadPartMaterials, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static Product of(Row r) {
            return new Product(r.getUUID("id"), r.getString("pim_id"), r.getString("name"), r.getString("category_key"),
                    r.getUUID("cad_file_id"), JsonValues.list(r.getValue("cad_part_materials")),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        }
    }

    public record Order(UUID id, String orderNumber, String createdBy, String status,
            OffsetDateTime processingStartedAt, OffsetDateTime completedAt, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static Order of(Row r) {
            return new Order(r.getUUID("id"), r.getString("order_number"), r.getString("created_by"),
                    r.getString("status"), r.getOffsetDateTime("processing_started_at"),
                    r.getOffsetDateTime("completed_at"), r.getOffsetDateTime("created_at"),
                    r.getOffsetDateTime("updated_at"));
        }
    }

    public record OrderLine(UUID id, UUID orderId, UUID productId, String outputTypeId, String renderStatus,
            String resultPath, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static OrderLine of(Row r) {
            return new OrderLine(r.getUUID("id"), r.getUUID("order_id"), r.getUUID("product_id"),
                    r.getString("output_type_id"), r.getString("render_status"), r.getString("result_path"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        }
    }

    public record ProductRequest(String pimId, String name, String categoryKey, String cadFileId,
            List<PartMaterial> cadPartMaterials) {
    }

    /**
     * {@code created_by} is accepted for old clients and ignored: an order's creator is the caller, the subject of the
     * verified token.
     */
    public record OrderRequest(String orderNumber, String createdBy, String status) {
    }

    public record OrderLineRequest(String orderId, String productId, String outputTypeId, String renderStatus,
            String resultPath) {
    }

    public record CadFilePatch(Map<String, Object> parsedObjects) {
    }

    public record Page<T>(List<T> items, long total, int page, int pageSize) {
    }
}
