package com.hartomat.workflow.model.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationResult;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validation cost of generated order-line graphs: one setup and one template node feeding blocks of
 * populate_materials → resolve_materials → blender_still → output_save, each render with its own params
 * (so nothing is cached), about 1.5 edges per node. The validator must stay linear.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ValidationBenchmark {

    @Param({"100", "1000", "10000"})
    public int nodes;

    private WorkflowValidator validator;
    private ObjectNode config;

    @Setup(Level.Trial)
    public void setUp() {
        validator = new WorkflowValidator(NodeCatalog.standard());
        config = generate(nodes);
        ValidationResult check = validator.validate(config);
        if (!check.valid() || check.analysis().nodes().size() != nodes) {
            throw new IllegalStateException("generated graph must be valid with " + nodes + " nodes: " + check.errors());
        }
    }

    @Benchmark
    public ValidationResult validate() {
        return validator.validate(config);
    }

    static ObjectNode generate(int size) {
        ObjectNode g = new ObjectMapper().createObjectNode();
        g.put("version", 1);
        g.putObject("ui").put("preset", "custom").put("execution_mode", "graph");
        ArrayNode nodes = g.putArray("nodes");
        ArrayNode edges = g.putArray("edges");
        node(nodes, "setup", "order_line_setup");
        node(nodes, "template", "resolve_template");
        edge(edges, "setup", "template");
        int block = 0;
        String[] steps = {"auto_populate_materials", "material_map_resolve", "blender_still", "output_save"};
        while (nodes.size() < size) {
            String p = "populate_" + block;
            String r = "resolve_" + block;
            String render = "render_" + block;
            String out = "output_" + block;
            String[] ids = {p, r, render, out};
            for (int k = 0; k < 4 && nodes.size() < size; k++) {
                ObjectNode n = node(nodes, ids[k], steps[k]);
                if (k == 2) {
                    ((ObjectNode) n.get("params")).put("width", 640 + block % 1000).put("height", 480 + block % 500)
                            .put("samples", 16 + block % 64).put("engine", block % 2 == 0 ? "cycles" : "eevee")
                            .put("seed", block);
                }
            }
            edge(edges, "setup", p);
            edge(edges, "template", r);
            edge(edges, p, r);
            edge(edges, "template", render);
            edge(edges, r, render);
            edge(edges, render, out);
            block++;
        }
        // trailing partial block: drop edges that point past the last node
        java.util.Set<String> ids = new java.util.HashSet<>();
        nodes.forEach(n -> ids.add(n.get("id").asText()));
        for (int i = edges.size() - 1; i >= 0; i--) {
            if (!ids.contains(edges.get(i).get("from").asText()) || !ids.contains(edges.get(i).get("to").asText())) {
                edges.remove(i);
            }
        }
        return g;
    }

    private static ObjectNode node(ArrayNode nodes, String id, String step) {
        ObjectNode n = nodes.addObject();
        n.put("id", id);
        n.put("step", step);
        n.putObject("params");
        return n;
    }

    private static void edge(ArrayNode edges, String from, String to) {
        edges.addObject().put("from", from).put("to", to);
    }
}
