package com.hartomat.dispatch.runtime.nodes;

import com.hartomat.dispatch.readmodel.RegistryEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code resolve_template}: the render template of the product's category, or the default scene. */
public final class ResolveTemplateNode implements InProcessNode {

    @Override
    public String step() {
        return "resolve_template";
    }

    @Override
    public Result execute(NodeScope scope) {
        Optional<RegistryEntity> template = scope.library().template();
        String category = category(scope);
        if (template.isEmpty() && scope.flag("require_template", false)) {
            throw new NodeInputMissing("template_missing", "resolve_template requires a render template for category '"
                    + category + "' and none exists");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        if (template.isPresent()) {
            RegistryEntity e = template.get();
            t.put("id", e.id());
            t.put("name", e.text("name"));
            t.put("template_path", e.text("template_path"));
            t.put("use_materials", e.flag("use_materials", false));
            t.put("camera_preset", e.text("camera_preset"));
            t.put("lighting_preset", e.text("lighting_preset"));
        } else {
            t.put("id", null);
            t.put("template_path", null);
            t.put("use_materials", false);
            t.put("camera_preset", null);
            t.put("lighting_preset", null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("category_key", category);
        out.put("template_found", template.isPresent());
        out.put("template", t);
        out.put("template_path", t.get("template_path"));
        out.put("use_materials", t.get("use_materials"));
        return Result.completed(out);
    }

    @Override
    public List<NodeIssue> check(NodeScope scope) {
        List<NodeIssue> issues = new ArrayList<>();
        if (scope.library().template().isEmpty()) {
            String message = "No render template for category '" + category(scope) + "'"
                    + (scope.flag("require_template", false) ? "." : "; the default scene is used.");
            issues.add(scope.flag("require_template", false) ? NodeIssue.error("template_missing", message)
                    : NodeIssue.warning("template_missing", message));
        }
        return issues;
    }

    static String category(NodeScope scope) {
        String override = scope.text("category_key_override");
        return override != null && !override.isBlank() ? override : scope.context().categoryKey();
    }
}
