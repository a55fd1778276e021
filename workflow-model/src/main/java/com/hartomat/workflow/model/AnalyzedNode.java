package com.hartomat.workflow.model;

import java.util.List;
import java.util.Map;

/**
 * A node of a structurally valid graph, with its settings merged over the step's defaults and its direct
 * neighbours (in declaration order).
 */
public record AnalyzedNode(String id, String step, Map<String, Object> params, List<String> upstream,
        List<String> downstream, NodeDefinition definition) {

    public AnalyzedNode {
        params = params == null ? Map.of()
                : params instanceof MergedParams ? params
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
    }

    /** The artifact kind this node produces with its params (null if none). */
    public String artifactKind() {
        return definition.artifactKind(params);
    }

    /** The render job type this node is queued as (null unless async). */
    public String jobType() {
        return definition.jobType(params);
    }
}
