package com.hartomat.workflow.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What validation derives from a structurally usable graph. */
public record GraphAnalysis(Family family, String contextKind, List<String> terminalArtifactKinds,
        List<String> topologicalOrder, String executionMode, String preset, List<AnalyzedNode> nodes) {

    public GraphAnalysis {
        terminalArtifactKinds = List.copyOf(terminalArtifactKinds);
        topologicalOrder = List.copyOf(topologicalOrder);
        nodes = List.copyOf(nodes);
    }

    public Optional<AnalyzedNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Map<String, AnalyzedNode> nodesById() {
        return nodes.stream().collect(Collectors.toMap(AnalyzedNode::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /** The nodes in topological order. */
    public List<AnalyzedNode> orderedNodes() {
        Map<String, AnalyzedNode> byId = nodesById();
        return topologicalOrder.stream().map(byId::get).toList();
    }
}
