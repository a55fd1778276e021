package com.hartomat.worker.cad;

import com.hartomat.contracts.parts.PartKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product structure of a STEP file: products (parts and assemblies) and the instances that place a
 * child product into a parent. Ids are the STEP entity ids of the PRODUCT records.
 */
public record StepAssembly(List<Product> products, List<Instance> instances) {

    public record Product(long id, String productId, String name, String description) {
    }

    /** One NEXT_ASSEMBLY_USAGE_OCCURRENCE: {@code child} placed in {@code parent} under {@code name}. */
    public record Instance(long id, String name, long parent, long child) {
    }

    /**
     * One leaf of the expanded tree: a part placed at one path. {@code key} is its {@link PartKey}, {@code path} the
     * raw names it is derived from (root product, then instance names).
     */
    public record PartOccurrence(String key, String part, String instance, List<String> path) {
        public Map<String, Object> toOutput() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("part", part);
            m.put("instance", instance);
            m.put("path", String.join("/", path));
            return m;
        }
    }

    public Product product(long id) {
        return products.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** Products no instance places anywhere: the top of the tree. */
    public List<Product> roots() {
        return products.stream().filter(p -> instances.stream().noneMatch(i -> i.child() == p.id())).toList();
    }

    /** Products that contain nothing: the parts that carry geometry. */
    public List<Product> parts() {
        return products.stream().filter(p -> instances.stream().noneMatch(i -> i.parent() == p.id())).toList();
    }

    public List<Instance> childrenOf(long productId) {
        return instances.stream().filter(i -> i.parent() == productId).toList();
    }

    /** How many times each part occurs in the fully expanded tree under the roots. */
    public int occurrences() {
        int count = 0;
        for (Product root : roots()) {
            count += leafOccurrences(root.id(), 0);
        }
        return count;
    }

    private int leafOccurrences(long productId, int depth) {
        List<Instance> children = childrenOf(productId);
        if (children.isEmpty() || depth > 64) {
            return 1;
        }
        int sum = 0;
        for (Instance child : children) {
            sum += leafOccurrences(child.child(), depth + 1);
        }
        return sum;
    }

    /** Every part occurrence of the fully expanded tree under the roots, in tree order, each with its key. */
    public List<PartOccurrence> partOccurrences() {
        List<PartOccurrence> out = new ArrayList<>();
        for (Product root : roots()) {
            collect(root.id(), root.name(), new ArrayList<>(List.of(root.name())), out);
        }
        return out;
    }

    private void collect(long productId, String instanceName, List<String> path, List<PartOccurrence> out) {
        List<Instance> children = childrenOf(productId);
        if (children.isEmpty() || path.size() > 64) {
            out.add(new PartOccurrence(PartKey.of(path), product(productId).name(), instanceName, List.copyOf(path)));
            return;
        }
        for (Instance child : children) {
            path.add(child.name());
            collect(child.child(), child.name(), path, out);
            path.remove(path.size() - 1);
        }
    }

    /** The {@code parsed_objects} node output: products, instances, roots, parts and the expanded tree. */
    public Map<String, Object> toOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> productList = new ArrayList<>();
        for (Product p : products) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step_id", "#" + p.id());
            m.put("product_id", p.productId());
            m.put("name", p.name());
            m.put("description", p.description());
            m.put("is_assembly", !childrenOf(p.id()).isEmpty());
            productList.add(m);
        }
        List<Map<String, Object>> instanceList = new ArrayList<>();
        for (Instance i : instances) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step_id", "#" + i.id());
            m.put("name", i.name());
            m.put("parent", product(i.parent()).name());
            m.put("child", product(i.child()).name());
            instanceList.add(m);
        }
        out.put("products", productList);
        out.put("instances", instanceList);
        out.put("roots", roots().stream().map(Product::name).toList());
        out.put("part_names", parts().stream().map(Product::name).toList());
        out.put("product_count", products.size());
        out.put("instance_count", instances.size());
        out.put("part_occurrences", occurrences());
        List<PartOccurrence> occurrences = partOccurrences();
        out.put("occurrences", occurrences.stream().map(PartOccurrence::toOutput).toList());
        out.put("part_keys", occurrences.stream().map(PartOccurrence::key).toList());
        out.put("tree", roots().stream().map(r -> tree(r.id(), r.name(), List.of(r.name()))).toList());
        return out;
    }

    private Map<String, Object> tree(long productId, String instanceName, List<String> path) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", instanceName);
        node.put("product", product(productId).name());
        node.put("key", PartKey.of(path));
        List<Map<String, Object>> children = new ArrayList<>();
        if (path.size() <= 64) {
            for (Instance child : childrenOf(productId)) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.name());
                children.add(tree(child.child(), child.name(), childPath));
            }
        }
        node.put("children", children);
        return node;
    }
}
