package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.contracts.messages.ContextKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code order_line_setup}: the order line's product, CAD file and part materials as the run's context. */
public final class OrderLineSetupNode implements InProcessNode {

    @Override
    public String step() {
        return "order_line_setup";
    }

    @Override
    public Result execute(NodeScope scope) {
        var ctx = scope.context();
        if (ctx.kind() != ContextKind.ORDER_LINE) {
            throw new NodeInputMissing("context_kind_mismatch", "order_line_setup needs an order line context");
        }
        if (ctx.stepPath() == null && scope.flag("require_cad_file", true)) {
            throw new NodeInputMissing("step_file_missing",
                    "order_line_setup needs the product's CAD file (step_path), but product " + ctx.productId() + " has none");
        }
        if (ctx.cadPartMaterials().isEmpty() && scope.flag("require_part_materials", false)) {
            throw new NodeInputMissing("material_assignments_missing",
                    "order_line_setup requires part materials (material_assignments) but the product has none");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order_line_id", ctx.orderLineId().toString());
        out.put("order_id", ctx.orderId().toString());
        out.put("product_id", ctx.productId().toString());
        out.put("product_name", ctx.productName());
        out.put("cad_file_id", ctx.cadFileId() == null ? null : ctx.cadFileId().toString());
        out.put("step_path", ctx.stepPath());
        out.put("glb_path", glbPath(ctx.parsedObjects()));
        out.put("category_key", ctx.categoryKey());
        out.put("part_materials", new ArrayList<>(ctx.cadPartMaterials()));
        out.put("parsed_objects", ctx.parsedObjects());
        return Result.completed(out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        List<NodeIssue> issues = new ArrayList<>();
        var ctx = scope.context();
        if (ctx.kind() != ContextKind.ORDER_LINE) {
            return issues;
        }
        if (ctx.cadFileId() == null) {
            issues.add(NodeIssue.error("cad_file_missing", "The product has no CAD file."));
        }
        return issues;
    }

    static Object glbPath(Object parsedObjects) {
        return parsedObjects instanceof Map<?, ?> m ? m.get("glb_path") : null;
    }
}
