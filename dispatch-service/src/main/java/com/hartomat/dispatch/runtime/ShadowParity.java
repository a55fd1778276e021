package com.hartomat.dispatch.runtime;

import com.hartomat.dispatch.runtime.nodes.NodeInputMissing;
import com.hartomat.workflow.model.AnalyzedNode;
import com.hartomat.workflow.model.ContractKey;
import com.hartomat.workflow.model.GraphAnalysis;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a graph can observe a legacy render faithfully. The legacy pipeline always applies the
 * product's part materials; an observer whose render nodes have no upstream step resolving those
 * materials ({@code material_map}) would render something else, and its comparison would judge the
 * graph on a difference legacy never had. Such an observer is not prepared (the reference's shadow
 * dispatch of a legacy preset config is skipped, naming {@code material_assignments}).
 */
public final class ShadowParity {

    static final String MATERIAL_MAP = "material_map";

    private ShadowParity() {
    }

    /** Throws {@link NodeInputMissing} when the observer cannot reproduce the legacy materials. */
    public static void requireFaithfulObserver(GraphAnalysis analysis, List<?> partMaterials) {
        if (partMaterials == null || partMaterials.isEmpty()) {
            return;
        }
        Map<String, Set<String>> available = new HashMap<>();
        for (AnalyzedNode node : analysis.orderedNodes()) {
            Set<String> keys = new HashSet<>();
            for (String upstream : node.upstream()) {
                keys.addAll(available.getOrDefault(upstream, Set.of()));
            }
            if (consumes(node, MATERIAL_MAP) && !keys.contains(MATERIAL_MAP)) {
                throw new NodeInputMissing("material_assignments_unresolved", "Shadow observer cannot reproduce the "
                        + "legacy materials: the product has " + partMaterials.size()
                        + " material_assignments but no step upstream of node '" + node.id()
                        + "' resolves them (add material_map_resolve)");
            }
            node.definition().outputContract().forEach(k -> keys.add(k.name()));
            available.put(node.id(), keys);
        }
    }

    private static boolean consumes(AnalyzedNode node, String key) {
        for (ContractKey input : node.definition().inputContract()) {
            if (input.name().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
