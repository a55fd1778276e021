package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.messages.ContextKind;
import com.hartomat.contracts.messages.RenderContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a run needs to know about its render context, loaded once per dispatch. */
public record ContextData(
        ContextKind kind,
        UUID orderLineId,
        UUID orderId,
        String orderStatus,
        UUID productId,
        String productName,
        String categoryKey,
        List<Object> cadPartMaterials,
        String outputTypeId,
        UUID cadFileId,
        String cadOriginalName,
        String stepPath,
        Object parsedObjects) {

    public ContextData {
        cadPartMaterials = cadPartMaterials == null ? List.of() : cadPartMaterials;
    }

    public String contextId() {
        return kind == ContextKind.ORDER_LINE ? orderLineId.toString() : cadFileId.toString();
    }

    public String kindWire() {
        return kind.wire();
    }

    public RenderContext renderContext() {
        return kind == ContextKind.ORDER_LINE
                ? RenderContext.orderLine(orderLineId.toString(), str(productId), str(orderId), outputTypeId, str(cadFileId))
                : RenderContext.cadFile(cadFileId.toString());
    }

    /** The parsed part names of the CAD file ({@code parsed_objects.objects}: names or {@code {name}} objects). */
    public List<String> partNames() {
        if (!(parsedObjects instanceof Map<?, ?> parsed) || !(parsed.get("objects") instanceof List<?> objects)) {
            return List.of();
        }
        return objects.stream().map(o -> o instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(o))
                .toList();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
