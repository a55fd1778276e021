package com.hartomat.worker.cad;

import com.hartomat.worker.cad.StepRecords.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part/assembly tree from STEP (ISO 10303-21) text: PRODUCT → PRODUCT_DEFINITION_FORMATION →
 * PRODUCT_DEFINITION, and NEXT_ASSEMBLY_USAGE_OCCURRENCE linking parent and child definitions. Exporters
 * differ in which fields carry names and which subtypes they use; both are handled here.
 */
public final class StepAssemblyParser {

    private StepAssemblyParser() {
    }

    /** Thrown when the text is not a STEP file with a product structure. */
    public static final class NotStep extends RuntimeException {
        public NotStep(String message) {
            super(message);
        }
    }

    public static StepAssembly parse(String text) {
        if (!text.stripLeading().startsWith("ISO-10303-21")) {
            throw new NotStep("not an ISO 10303-21 file (missing 'ISO-10303-21;' header)");
        }
        StepRecords records = StepRecords.parse(text);
        List<StepAssembly.Product> products = new ArrayList<>();
        for (Entity product : records.ofType("PRODUCT")) {
            String productId = blankToNull(product.text(0));
            String name = blankToNull(product.text(1));
            products.add(new StepAssembly.Product(product.id(), productId,
                    name != null ? name : productId != null ? productId : "#" + product.id(),
                    blankToNull(product.text(2))));
        }
        if (products.isEmpty()) {
            throw new NotStep("no PRODUCT records: the file carries no product structure");
        }
        Map<Long, Long> formationToProduct = new HashMap<>();
        for (String type : List.of("PRODUCT_DEFINITION_FORMATION", "PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE")) {
            for (Entity formation : records.ofType(type)) {
                Long product = formation.ref(2);
                if (product != null) {
                    formationToProduct.put(formation.id(), product);
                }
            }
        }
        Map<Long, Long> definitionToProduct = new HashMap<>();
        for (String type : List.of("PRODUCT_DEFINITION", "PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS")) {
            for (Entity definition : records.ofType(type)) {
                Long formation = definition.ref(2);
                Long product = formation == null ? null : formationToProduct.get(formation);
                if (product != null) {
                    definitionToProduct.put(definition.id(), product);
                }
            }
        }
        List<StepAssembly.Instance> instances = new ArrayList<>();
        for (Entity usage : records.ofType("NEXT_ASSEMBLY_USAGE_OCCURRENCE")) {
            Long parentDefinition = usage.ref(3);
            Long childDefinition = usage.ref(4);
            Long parent = parentDefinition == null ? null : definitionToProduct.get(parentDefinition);
            Long child = childDefinition == null ? null : definitionToProduct.get(childDefinition);
            if (parent == null || child == null) {
                continue;
            }
            instances.add(new StepAssembly.Instance(usage.id(), instanceName(usage, products, child), parent, child));
        }
        return new StepAssembly(List.copyOf(products), List.copyOf(instances));
    }

    /**
     * Exporters put the instance name in different fields: {@code name} (SolidWorks, CATIA), {@code id}
     * (Theorem/NX), or only the reference designator; fall back to the child product's name.
     */
    private static String instanceName(Entity usage, List<StepAssembly.Product> products, long child) {
        for (int field : new int[] {1, 0, 5, 2}) {
            String value = blankToNull(usage.text(field));
            if (value != null && !value.matches("(?i)NAUO\\d*|\\d+")) {
                return value;
            }
        }
        String id = blankToNull(usage.text(0));
        String productName = products.stream().filter(p -> p.id() == child).findFirst().map(StepAssembly.Product::name)
                .orElse(null);
        return productName != null ? productName : id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
