package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The render context a job or run belongs to: an order line, or a CAD file for CAD intake. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RenderContext(
        ContextKind kind,
        String orderLineId,
        String cadFileId,
        String productId,
        String orderId,
        String outputTypeId) {

    public static RenderContext orderLine(String orderLineId, String productId, String orderId, String outputTypeId,
            String cadFileId) {
        return new RenderContext(ContextKind.ORDER_LINE, orderLineId, cadFileId, productId, orderId, outputTypeId);
    }

    public static RenderContext cadFile(String cadFileId) {
        return new RenderContext(ContextKind.CAD_FILE, null, cadFileId, null, null, null);
    }

    /** The Kafka key of jobs in this context: the order line, or the CAD file. */
    public String key() {
        return kind == ContextKind.ORDER_LINE ? orderLineId : cadFileId;
    }
}
