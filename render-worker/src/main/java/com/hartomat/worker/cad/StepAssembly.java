package com.hartomat.worker.cad;

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
        out.put("tree", roots().stream().map(r -> tree(r.id(), r.name(), 0)).toList());
        return out;
    }

    private Map<String, Object> tree(long productId, String instanceName, int depth) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", instanceName);
        node.put("product", product(productId).name());
        List<Map<String, Object>> children = new ArrayList<>();
        if (depth < 64) {
            for (Instance child : childrenOf(productId)) {
                children.add(tree(child.child(), child.name(), depth + 1));
            }
        }
        node.put("children", children);
        return node;
    }
}
