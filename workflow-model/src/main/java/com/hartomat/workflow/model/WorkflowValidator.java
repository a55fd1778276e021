package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Validates a workflow config against the node catalogue and reports every error at once, each with a JSON pointer.
 * Linear in nodes + edges (plus a log factor for the stable topological order): ids and edges go through hash maps,
 * contract satisfaction propagates bit masks of available keys along the topological order.
 */
public final class WorkflowValidator {

    public static final Set<String> EXECUTION_MODES = Set.of("legacy", "graph", "shadow");
    public static final int SUPPORTED_VERSION = 1;
    /** The canonical top-level members. */
    public static final Set<String> TOP_LEVEL = Set.of("version", "ui", "nodes", "edges");
    static final int MAX_ID_LENGTH = 200;

    private final NodeCatalog catalog;
    private final ValidationLimits limits;
    private final Map<String, CompiledStep> steps = new HashMap<>();
    private final Map<String, Integer> keyBits = new LinkedHashMap<>();
    private final Map<String, List<String>> producersByKey = new HashMap<>();

    public WorkflowValidator(NodeCatalog catalog) {
        this(catalog, ValidationLimits.DEFAULT);
    }

    public WorkflowValidator(NodeCatalog catalog, ValidationLimits limits) {
        this.catalog = catalog;
        this.limits = limits;
        for (NodeDefinition d : catalog.all()) {
            d.inputContract().forEach(k -> bit(k.name()));
            d.outputContract().forEach(k -> {
                bit(k.name());
                producersByKey.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(d.step());
            });
        }
        for (NodeDefinition d : catalog.all()) {
            long required = 0;
            long produced = 0;
            for (ContractKey k : d.inputContract()) {
                if (k.required()) {
                    required |= 1L << keyBits.get(k.name());
                }
            }
            for (ContractKey k : d.outputContract()) {
                produced |= 1L << keyBits.get(k.name());
            }
            steps.put(d.step(), new CompiledStep(d, new ParamsValidator(d.schemaView()), required, produced,
                    EnumSet.copyOf(d.families())));
        }
    }

    public NodeCatalog catalog() {
        return catalog;
    }

    public ValidationLimits limits() {
        return limits;
    }

    /**
     * Checks settings for one step outside a graph (output-type invocation overrides, legacy render settings):
     * unknown_param and invalid_params errors under {@code path}. An unknown step yields unknown_step.
     */
    public List<ValidationError> validateParams(String step, JsonNode params, String path) {
        List<ValidationError> errors = new ArrayList<>();
        CompiledStep compiled = steps.get(step);
        if (compiled == null) {
            errors.add(ValidationError.of(ErrorCode.UNKNOWN_STEP, "unknown step '" + step + "'", path));
        } else if (params == null || !params.isObject()) {
            errors.add(ValidationError.of(ErrorCode.INVALID_TYPE, "settings must be an object", path));
        } else {
            compiled.params().check((ObjectNode) params, path, errors);
        }
        return errors;
    }

    private void bit(String key) {
        if (!keyBits.containsKey(key)) {
            if (keyBits.size() == 64) {
                throw new IllegalStateException("more than 64 contract keys; widen the masks");
            }
            keyBits.put(key, keyBits.size());
        }
    }

    public ValidationResult validate(JsonNode input) {
        List<ValidationError> errors = new ArrayList<>();
        if (input == null || !input.isObject()) {
            errors.add(ValidationError.of(ErrorCode.NOT_AN_OBJECT, "a workflow config must be a JSON object", ""));
            return new ValidationResult(errors, Optional.empty());
        }
        JsonNode config = input;
        if (!input.has("nodes") && input.has("type")) {
            if (!WorkflowCanonicalizer.isKnownPreset(input.get("type"))) {
                errors.add(ValidationError.of(ErrorCode.UNKNOWN_PRESET, "legacy preset type " + input.get("type")
                        + " is not one of " + WorkflowConfigs.PRESETS, "/type"));
                return new ValidationResult(errors, Optional.empty());
            }
            config = WorkflowCanonicalizer.canonicalize(input);
        }
        return new Run(config, errors).validate();
    }

    private final class Run {
        final JsonNode config;
        final List<ValidationError> errors;
        boolean structural = true;

        Run(JsonNode config, List<ValidationError> errors) {
            this.config = config;
            this.errors = errors;
        }

        void error(ErrorCode code, String message, String path) {
            errors.add(ValidationError.of(code, message, path));
        }

        void structuralError(ErrorCode code, String message, String path) {
            structural = false;
            error(code, message, path);
        }

        ValidationResult validate() {
            for (java.util.Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!TOP_LEVEL.contains(field)) {
                    error(ErrorCode.UNKNOWN_FIELD, "unknown top-level member '" + field + "'; a canonical config has "
                            + "version, ui, nodes and edges (editor data belongs under ui)", "/" + ParamsValidator.escape(field));
                }
            }
            JsonNode version = config.get("version");
            if (version == null || version.isNull()) {
                error(ErrorCode.MISSING_FIELD, "version is required (supported: " + SUPPORTED_VERSION + ")", "/version");
            } else if (!version.isIntegralNumber() || version.intValue() != SUPPORTED_VERSION) {
                error(ErrorCode.UNSUPPORTED_VERSION, "workflow config version " + version + " is not supported (supported: "
                        + SUPPORTED_VERSION + ")", "/version");
            }
            JsonNode ui = config.get("ui");
            boolean migration = false;
            String executionMode = "legacy";
            String preset = null;
            if (ui != null && !ui.isNull()) {
                if (!ui.isObject()) {
                    error(ErrorCode.INVALID_TYPE, "ui must be an object", "/ui");
                } else {
                    JsonNode mode = ui.get("execution_mode");
                    if (mode != null && !mode.isNull()) {
                        if (mode.isTextual() && EXECUTION_MODES.contains(mode.textValue())) {
                            executionMode = mode.textValue();
                        } else {
                            error(ErrorCode.INVALID_EXECUTION_MODE, "execution_mode " + mode + " is not one of [legacy, graph, shadow]",
                                    "/ui/execution_mode");
                        }
                    }
                    migration = ui.path("migration").asBoolean(false);
                    JsonNode p = ui.get("preset");
                    preset = p != null && p.isTextual() ? p.textValue() : null;
                }
            }
            JsonNode nodesNode = config.get("nodes");
            if (nodesNode == null || nodesNode.isNull()) {
                error(ErrorCode.MISSING_FIELD, "nodes is required: an array of {id, step, params}", "/nodes");
                return new ValidationResult(errors, Optional.empty());
            }
            if (!nodesNode.isArray()) {
                error(ErrorCode.INVALID_TYPE, "nodes must be an array", "/nodes");
                return new ValidationResult(errors, Optional.empty());
            }
            if (nodesNode.size() > limits.maxNodes()) {
                error(ErrorCode.TOO_MANY_NODES, "graph has " + nodesNode.size() + " nodes; the limit is " + limits.maxNodes(),
                        "/nodes");
                return new ValidationResult(errors, Optional.empty());
            }
            JsonNode edgesNode = config.get("edges");
            if (edgesNode != null && !edgesNode.isNull() && !edgesNode.isArray()) {
                error(ErrorCode.INVALID_TYPE, "edges must be an array of {from, to}", "/edges");
                return new ValidationResult(errors, Optional.empty());
            }
            int edgeCount = edgesNode == null || edgesNode.isNull() ? 0 : edgesNode.size();
            if (edgeCount > limits.maxEdges()) {
                error(ErrorCode.TOO_MANY_EDGES, "graph has " + edgeCount + " edges; the limit is " + limits.maxEdges(), "/edges");
                return new ValidationResult(errors, Optional.empty());
            }
            int n = nodesNode.size();
            if (n == 0) {
                error(ErrorCode.EMPTY_GRAPH, "a workflow needs at least one node", "/nodes");
                return new ValidationResult(errors, Optional.empty());
            }

            String[] ids = new String[n];
            CompiledStep[] compiled = new CompiledStep[n];
            ObjectNode[] params = new ObjectNode[n];
            Map<String, Integer> indexById = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                checkNode(nodesNode.get(i), i, ids, compiled, params, indexById);
            }

            int[] from = new int[edgeCount];
            int[] to = new int[edgeCount];
            int kept = 0;
            Set<Long> seenEdges = new HashSet<>(edgeCount * 2);
            for (int j = 0; j < edgeCount; j++) {
                JsonNode edge = edgesNode.get(j);
                if (!edge.isObject()) {
                    structuralError(ErrorCode.INVALID_TYPE, "edge " + j + " must be an object {from, to}", "/edges/" + j);
                    continue;
                }
                Integer f = endpoint(edge, "from", j, ErrorCode.UNKNOWN_EDGE_SOURCE, indexById);
                Integer t = endpoint(edge, "to", j, ErrorCode.UNKNOWN_EDGE_TARGET, indexById);
                if (f == null || t == null) {
                    continue;
                }
                if (f.intValue() == t.intValue()) {
                    structuralError(ErrorCode.SELF_LOOP, "edge " + j + " connects node '" + ids[f] + "' to itself", "/edges/" + j);
                    continue;
                }
                // f * n + t is unique per pair and hashes without collisions (a shifted pair would collide as f ^ t)
                if (!seenEdges.add((long) f * n + t)) {
                    error(ErrorCode.DUPLICATE_EDGE, "edge " + j + " repeats " + ids[f] + " -> " + ids[t], "/edges/" + j);
                    continue;
                }
                from[kept] = f;
                to[kept] = t;
                kept++;
            }

            Family family = family(compiled, migration);
            if (!structural) {
                return new ValidationResult(errors, Optional.empty());
            }
            Graph graph = new Graph(n, Arrays.copyOf(from, kept), Arrays.copyOf(to, kept));
            int[] order = graph.topologicalOrder();
            if (order.length < n) {
                for (List<Integer> cycle : graph.cycles(order)) {
                    StringBuilder names = new StringBuilder();
                    for (int c : cycle) {
                        names.append(ids[c]).append(" -> ");
                    }
                    names.append(ids[cycle.get(0)]);
                    error(ErrorCode.CYCLE, "cycle: " + names, "/nodes/" + cycle.get(0));
                }
                return new ValidationResult(errors, Optional.empty());
            }
            checkContracts(graph, order, ids, compiled, family);
            return new ValidationResult(errors, Optional.of(analysis(graph, order, ids, compiled, params, family,
                    executionMode, preset)));
        }

        private void checkNode(JsonNode node, int i, String[] ids, CompiledStep[] compiled, ObjectNode[] params,
                Map<String, Integer> indexById) {
            // paths are built only when an error (or params to check) needs them: this loop runs per node
            if (!node.isObject()) {
                structuralError(ErrorCode.INVALID_TYPE, "node " + i + " must be an object {id, step, params}", "/nodes/" + i);
                return;
            }
            JsonNode id = node.get("id");
            if (id == null || id.isNull()) {
                structuralError(ErrorCode.MISSING_FIELD, "node " + i + " has no id", "/nodes/" + i + "/id");
            } else if (!id.isTextual() || id.textValue().isBlank() || id.textValue().length() > MAX_ID_LENGTH) {
                structuralError(ErrorCode.INVALID_TYPE, "node " + i + " id must be a non-blank string of at most "
                        + MAX_ID_LENGTH + " characters", "/nodes/" + i + "/id");
            } else {
                ids[i] = id.textValue();
                Integer first = indexById.putIfAbsent(ids[i], i);
                if (first != null) {
                    structuralError(ErrorCode.DUPLICATE_NODE_ID, "node id '" + ids[i] + "' is already used by /nodes/" + first,
                            "/nodes/" + i + "/id");
                }
            }
            JsonNode step = node.get("step");
            if (step == null || step.isNull()) {
                structuralError(ErrorCode.MISSING_FIELD, "node " + label(ids[i], i) + " has no step", "/nodes/" + i + "/step");
            } else if (!step.isTextual()) {
                structuralError(ErrorCode.INVALID_TYPE, "node " + label(ids[i], i) + " step must be a string",
                        "/nodes/" + i + "/step");
            } else {
                compiled[i] = steps.get(step.textValue());
                if (compiled[i] == null) {
                    structuralError(ErrorCode.UNKNOWN_STEP, "node " + label(ids[i], i) + " uses unknown step '"
                            + step.textValue() + "'", "/nodes/" + i + "/step");
                }
            }
            JsonNode p = node.get("params");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    error(ErrorCode.INVALID_TYPE, "node " + label(ids[i], i) + " params must be an object",
                            "/nodes/" + i + "/params");
                } else {
                    params[i] = (ObjectNode) p;
                    if (compiled[i] != null && !p.isEmpty()) {
                        compiled[i].params().check(params[i], "/nodes/" + i + "/params", errors);
                    }
                }
            }
        }

        private String label(String id, int i) {
            return id == null ? String.valueOf(i) : "'" + id + "'";
        }

        private Integer endpoint(JsonNode edge, String end, int j, ErrorCode unknown, Map<String, Integer> indexById) {
            JsonNode v = edge.get(end);
            if (v == null || v.isNull()) {
                structuralError(ErrorCode.MISSING_FIELD, "edge " + j + " has no '" + end + "'", "/edges/" + j + "/" + end);
                return null;
            }
            if (!v.isTextual()) {
                structuralError(ErrorCode.INVALID_TYPE, "edge " + j + " '" + end + "' must be a node id string",
                        "/edges/" + j + "/" + end);
                return null;
            }
            Integer index = indexById.get(v.textValue());
            if (index == null) {
                structuralError(unknown, "edge " + j + " points " + end + " unknown node '" + v.textValue() + "'",
                        "/edges/" + j + "/" + end);
            }
            return index;
        }

        /** The graph's family; reports mixing unless the config is a declared migration graph. */
        private Family family(CompiledStep[] compiled, boolean migration) {
            EnumSet<Family> common = EnumSet.allOf(Family.class);
            int firstKnown = -1;
            int[] exclusive = {-1, -1};
            for (int i = 0; i < compiled.length; i++) {
                if (compiled[i] == null) {
                    continue;
                }
                if (firstKnown < 0) {
                    firstKnown = i;
                }
                common.retainAll(compiled[i].families());
                if (compiled[i].families().size() == 1) {
                    int f = compiled[i].definition().family().ordinal();
                    if (exclusive[f] < 0) {
                        exclusive[f] = i;
                    }
                }
            }
            if (firstKnown < 0) {
                return null;
            }
            if (common.isEmpty()) {
                if (!migration) {
                    int c = exclusive[Family.CAD_FILE.ordinal()];
                    int o = exclusive[Family.ORDER_LINE.ordinal()];
                    error(ErrorCode.FAMILY_MIXING, "graph mixes cad_file steps (" + compiled[c].definition().step() + " at /nodes/"
                            + c + ") with order_line steps (" + compiled[o].definition().step() + " at /nodes/" + o
                            + "); split it per family or mark it as a migration graph with ui.migration = true",
                            "/nodes/" + Math.max(c, o) + "/step");
                }
                // an order line resolves to its CAD file, so a mixed graph runs against the order line
                return Family.ORDER_LINE;
            }
            if (common.size() == 1) {
                return common.iterator().next();
            }
            return compiled[firstKnown].definition().family();
        }

        private void checkContracts(Graph graph, int[] order, String[] ids, CompiledStep[] compiled, Family family) {
            long context = 1L << keyBits.get(family == Family.CAD_FILE ? NodeCatalog.CAD_FILE_ID : NodeCatalog.ORDER_LINE_ID);
            long[] available = new long[ids.length];
            for (int v : order) {
                long avail = context;
                for (int e = graph.inStart[v]; e < graph.inStart[v + 1]; e++) {
                    int u = graph.inList[e];
                    avail |= available[u] | compiled[u].produced();
                }
                available[v] = avail;
                long missing = compiled[v].required() & ~avail;
                if (missing != 0) {
                    reportMissing(v, missing, ids, compiled);
                }
            }
        }

        private void reportMissing(int v, long missing, String[] ids, CompiledStep[] compiled) {
            NodeDefinition d = compiled[v].definition();
            for (Map.Entry<String, Integer> key : keyBits.entrySet()) {
                if ((missing & (1L << key.getValue())) == 0) {
                    continue;
                }
                if (d.step().equals("output_save") && key.getKey().equals(NodeCatalog.PUBLISHABLE_ARTIFACT)) {
                    error(ErrorCode.OUTPUT_SAVE_WITHOUT_PUBLISHABLE_ARTIFACT, "output_save node '" + ids[v]
                            + "' has no upstream node producing a publishable artifact (one of "
                            + producersByKey.get(NodeCatalog.PUBLISHABLE_ARTIFACT)
                            + "); export_blend's .blend asset is not published through output_save", "/nodes/" + v);
                } else {
                    error(ErrorCode.MISSING_INPUT, "node '" + ids[v] + "' (" + d.step() + ") needs input '" + key.getKey()
                            + "' but no upstream node provides it; connect one of " + producersByKey.getOrDefault(key.getKey(), List.of())
                            + " upstream", "/nodes/" + v);
                }
            }
        }

        private GraphAnalysis analysis(Graph graph, int[] order, String[] ids, CompiledStep[] compiled, ObjectNode[] params,
                Family family, String executionMode, String preset) {
            int n = ids.length;
            String[] kinds = new String[n];
            List<AnalyzedNode> nodes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                NodeDefinition d = compiled[i].definition();
                Map<String, Object> explicit = Map.of();
                if (params[i] != null && !params[i].isEmpty()) {
                    Map<String, Object> given = new LinkedHashMap<>();
                    params[i].fields().forEachRemaining(e -> given.put(e.getKey(), JsonValues.toJava(e.getValue())));
                    explicit = given;
                }
                Map<String, Object> merged = new MergedParams(d.defaults(), explicit);
                kinds[i] = d.artifactKind(merged);
                List<String> up = new ArrayList<>(graph.inStart[i + 1] - graph.inStart[i]);
                for (int e = graph.inStart[i]; e < graph.inStart[i + 1]; e++) {
                    up.add(ids[graph.inList[e]]);
                }
                List<String> down = new ArrayList<>(graph.outStart[i + 1] - graph.outStart[i]);
                for (int e = graph.outStart[i]; e < graph.outStart[i + 1]; e++) {
                    down.add(ids[graph.outList[e]]);
                }
                nodes.add(new AnalyzedNode(ids[i], d.step(), merged, up, down, d));
            }
            // a kind is terminal when no downstream node produces an artifact of its own
            boolean[] kindBelow = new boolean[n];
            for (int k = n - 1; k >= 0; k--) {
                int v = order[k];
                for (int e = graph.outStart[v]; e < graph.outStart[v + 1]; e++) {
                    int w = graph.outList[e];
                    if (kinds[w] != null || kindBelow[w]) {
                        kindBelow[v] = true;
                        break;
                    }
                }
            }
            Set<String> terminal = new LinkedHashSet<>();
            List<String> topo = new ArrayList<>(n);
            for (int v : order) {
                topo.add(ids[v]);
                if (kinds[v] != null && !kindBelow[v]) {
                    terminal.add(kinds[v]);
                }
            }
            return new GraphAnalysis(family, family.wire(), new ArrayList<>(terminal), topo, executionMode, preset, nodes);
        }
    }

    private record CompiledStep(NodeDefinition definition, ParamsValidator params, long required, long produced,
            Set<Family> families) {
    }

    /** Adjacency in compressed form: in/out neighbours of node v are list[start[v] .. start[v+1]), in edge order. */
    static final class Graph {
        final int n;
        final int[] inStart;
        final int[] inList;
        final int[] outStart;
        final int[] outList;

        Graph(int n, int[] from, int[] to) {
            this.n = n;
            inStart = new int[n + 1];
            outStart = new int[n + 1];
            for (int e = 0; e < from.length; e++) {
                outStart[from[e] + 1]++;
                inStart[to[e] + 1]++;
            }
            for (int v = 0; v < n; v++) {
                outStart[v + 1] += outStart[v];
                inStart[v + 1] += inStart[v];
            }
            inList = new int[from.length];
            outList = new int[from.length];
            int[] outFill = Arrays.copyOf(outStart, n);
            int[] inFill = Arrays.copyOf(inStart, n);
            for (int e = 0; e < from.length; e++) {
                outList[outFill[from[e]]++] = to[e];
                inList[inFill[to[e]]++] = from[e];
            }
        }

        /** Kahn's algorithm, always taking the earliest-declared ready node: stable and close to declaration order. */
        int[] topologicalOrder() {
            int[] indegree = new int[n];
            for (int v = 0; v < n; v++) {
                indegree[v] = inStart[v + 1] - inStart[v];
            }
            PriorityQueue<Integer> ready = new PriorityQueue<>();
            for (int v = 0; v < n; v++) {
                if (indegree[v] == 0) {
                    ready.add(v);
                }
            }
            int[] order = new int[n];
            int count = 0;
            while (!ready.isEmpty()) {
                int v = ready.poll();
                order[count++] = v;
                for (int e = outStart[v]; e < outStart[v + 1]; e++) {
                    if (--indegree[outList[e]] == 0) {
                        ready.add(outList[e]);
                    }
                }
            }
            return Arrays.copyOf(order, count);
        }

        /**
         * The distinct cycles among the nodes Kahn's algorithm could not order. Every such node has a predecessor
         * that is also unordered, so walking predecessors must revisit a node: that loop is a cycle.
         */
        List<List<Integer>> cycles(int[] ordered) {
            boolean[] isOrdered = new boolean[n];
            for (int v : ordered) {
                isOrdered[v] = true;
            }
            int[] walkOf = new int[n];
            Arrays.fill(walkOf, -1);
            List<List<Integer>> cycles = new ArrayList<>();
            for (int start = 0; start < n; start++) {
                if (isOrdered[start] || walkOf[start] != -1) {
                    continue;
                }
                List<Integer> path = new ArrayList<>();
                int v = start;
                while (walkOf[v] == -1) {
                    walkOf[v] = start;
                    path.add(v);
                    v = unorderedPredecessor(v, isOrdered);
                }
                if (walkOf[v] == start) {
                    List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(v), path.size()));
                    java.util.Collections.reverse(cycle);
                    // start at the earliest-declared node so the report is stable
                    java.util.Collections.rotate(cycle, -cycle.indexOf(java.util.Collections.min(cycle)));
                    cycles.add(cycle);
                }
            }
            return cycles;
        }

        private int unorderedPredecessor(int v, boolean[] done) {
            for (int e = inStart[v]; e < inStart[v + 1]; e++) {
                if (!done[inList[e]]) {
                    return inList[e];
                }
            }
            throw new IllegalStateException("unordered node without unordered predecessor");
        }
    }
}
