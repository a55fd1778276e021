package com.hartomat.dispatch.publication;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A published artifact (a {@code media_assets} row) as the API shows it. {@code path} is relative to the artifact
 * storage root; the bytes are served by {@code GET /api/media-assets/{id}/content}.
 */
public record MediaAsset(UUID id, UUID orderLineId, UUID orderId, UUID productId, UUID cadFileId, UUID runId,
        String nodeId, String jobId, String assetType, String role, String path, String sha256, String mediaType,
        Long sizeBytes, Integer width, Integer height, Integer frameCount, Double durationS, String publicationMode,
        OffsetDateTime createdAt) {

    static MediaAsset of(Row r) {
        return new MediaAsset(r.getUUID("id"), r.getUUID("order_line_id"), r.getUUID("order_id"),
                r.getUUID("product_id"), r.getUUID("cad_file_id"), r.getUUID("run_id"), r.getString("node_id"),
                r.getString("job_id"), r.getString("asset_type"), r.getString("role"), r.getString("path"),
                r.getString("sha256"), r.getString("media_type"), r.getLong("size_bytes"), r.getInteger("width"),
                r.getInteger("height"), r.getInteger("frame_count"), r.getDouble("duration_s"),
                r.getString("publication_mode"), r.getOffsetDateTime("created_at"));
    }
}
