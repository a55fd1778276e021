package com.hartomat.dispatch.context;

import com.hartomat.api.errors.ApiException;
import java.util.Locale;
import java.util.Set;

/** The order lifecycle: draft → submitted → processing → completed | failed. */
public enum OrderStatus {
    DRAFT, SUBMITTED, PROCESSING, COMPLETED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus parse(String wire, String path) {
        try {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw ApiException.invalid("invalid_status", "'" + wire
                    + "' is not an order status (draft, submitted, processing, completed, failed)", path);
        }
    }

    public Set<OrderStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(SUBMITTED);
            case SUBMITTED -> Set.of(PROCESSING);
            case PROCESSING -> Set.of(COMPLETED, FAILED);
            case COMPLETED, FAILED -> Set.of();
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return target == this || next().contains(target);
    }
}
