package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.dispatch.readmodel.RegistryEntity;
import com.hartomat.dispatch.runtime.ContextData;
import com.hartomat.workflow.model.AnalyzedNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an in-process node sees: its context, its node, the outputs of the nodes before it, the registry library. */
public record NodeScope(ContextData context, AnalyzedNode node, Map<String, AnalyzedNode> nodes,
        Map<String, Map<String, Object>> outputs, Library library) {

    /**
     * The registry data in-process steps read: the category's render template and the material library; and the
     * output type's default material resolved against the library ({@code {material, definition}}, null when it names
     * none), which every scene render job carries as {@code inputs.default_material}.
     */
    public record Library(Optional<RegistryEntity> template, List<RegistryEntity> materials,
            Map<String, Object> defaultMaterial) {

        public Library(Optional<RegistryEntity> template, List<RegistryEntity> materials) {
            this(template, materials, null);
        }
    }

    public Map<String, Object> params() {
        return node.params();
    }

    /** The nearest upstream output named {@code key} (breadth-first over the node's ancestors). */
    public Optional<Object> input(String key) {
        Deque<String> queue = new ArrayDeque<>(node.upstream());
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            Map<String, Object> out = outputs.get(id);
            if (out != null && out.get(key) != null) {
                return Optional.of(out.get(key));
            }
            AnalyzedNode up = nodes.get(id);
            if (up != null) {
                queue.addAll(up.upstream());
            }
        }
        return Optional.empty();
    }

    public boolean flag(String param, boolean fallback) {
        Object v = params().get(param);
        return v instanceof Boolean b ? b : fallback;
    }

    public String text(String param) {
        Object v = params().get(param);
        return v == null ? null : String.valueOf(v);
    }
}
