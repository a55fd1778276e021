package com.hartomat.dispatch.context;

import com.hartomat.api.errors.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order lifecycle: draft → submitted → processing → completed | failed | cancelled. {@code cancelled} is
 * reached only by the order's lines (every line cancelled when the last open one closed: V13), never by hand; like
 * {@code completed} and {@code failed} it is terminal for a manual move.
 */
public enum OrderStatus {
    DRAFT, SUBMITTED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus parse(String wire, String path) {
        try {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw ApiException.invalid("invalid_status", "'" + wire
                    + "' is not an order status (" + Arrays.stream(values()).map(OrderStatus::wire)
                            .collect(Collectors.joining(", ")) + ")", path);
        }
    }

    public Set<OrderStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(SUBMITTED);
            case SUBMITTED -> Set.of(PROCESSING);
            case PROCESSING -> Set.of(COMPLETED, FAILED);
            case COMPLETED, FAILED, CANCELLED -> Set.of();
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return target == this || next().contains(target);
    }
}
