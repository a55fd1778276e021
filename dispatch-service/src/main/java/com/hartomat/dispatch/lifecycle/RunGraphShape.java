package com.hartomat.dispatch.lifecycle;

import com.hartomat.workflow.model.AnalyzedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The edges of a run's plan, as node ids in topological order: what is upstream and downstream of a node. */
record RunGraphShape(List<String> order, Map<String, List<String>> upstream, Map<String, List<String>> downstream) {

    static RunGraphShape of(List<AnalyzedNode> ordered) {
        List<String> order = new ArrayList<>();
        Map<String, List<String>> up = new LinkedHashMap<>();
        Map<String, List<String>> down = new LinkedHashMap<>();
        for (AnalyzedNode n : ordered) {
            order.add(n.id());
            up.put(n.id(), List.copyOf(n.upstream()));
            down.put(n.id(), List.copyOf(n.downstream()));
        }
        return new RunGraphShape(order, up, down);
    }

    boolean knows(String node) {
        return upstream.containsKey(node);
    }

    /** Every node reachable downstream of {@code node} (not the node itself), in topological order. */
    List<String> downstreamOf(String node) {
        return order(closure(node, downstream));
    }

    /** Every node {@code node} depends on, directly or not, in topological order. */
    List<String> upstreamOf(String node) {
        return order(closure(node, upstream));
    }

    private static Set<String> closure(String start, Map<String, List<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> frontier = new ArrayList<>(edges.getOrDefault(start, List.of()));
        while (!frontier.isEmpty()) {
            String next = frontier.remove(frontier.size() - 1);
            if (seen.add(next)) {
                frontier.addAll(edges.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }

    private List<String> order(Set<String> ids) {
        return order.stream().filter(ids::contains).toList();
    }
}
