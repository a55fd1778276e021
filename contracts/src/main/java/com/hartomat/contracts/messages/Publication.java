package com.hartomat.contracts.messages;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The publication flags of a render job, named as in the original system's task arguments. They
 * decide who publishes an output: the render task itself, or a downstream graph {@code output_save}
 * node; and whether a shadow observer stays silent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Publication(
        boolean publishAssetEnabled,
        boolean graphAuthoritativeOutputEnabled,
        List<String> graphOutputNodeIds,
        boolean emitEvents,
        boolean jobDocumentEnabled,
        String outputNameSuffix,
        boolean emitLegacyNotifications,
        List<String> graphNotifyNodeIds) {

    public Publication {
        graphOutputNodeIds = graphOutputNodeIds == null ? List.of() : List.copyOf(graphOutputNodeIds);
        graphNotifyNodeIds = graphNotifyNodeIds == null ? List.of() : List.copyOf(graphNotifyNodeIds);
    }

    /** The legacy defaults: the render task publishes and notifies by itself. */
    public static Publication legacy() {
        return new Publication(true, false, List.of(), true, true, null, true, List.of());
    }
}
