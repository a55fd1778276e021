package com.hartomat.registry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.NodeDefinition;
import com.hartomat.workflow.model.SettingsSchema;
import com.hartomat.workflow.model.ValidationError;
import com.hartomat.workflow.model.WorkflowValidator;
import java.util.List;
import java.util.Map;

/**
 * The render material definition schema (principled BSDF inputs or a material from a .blend library), checked with
 * the same schema machinery as node settings so its errors read the same way.
 */
public final class MaterialDefinition {

    static final String STEP = "material_definition";

    static final NodeDefinition SCHEMA = NodeDefinition.builder(STEP)
            .label("Material definition").description("Render material").family(com.hartomat.workflow.model.Family.ORDER_LINE)
            .module("materials.definition").sync()
            .input(com.hartomat.workflow.model.ContractKey.required("material", "json"))
            .output(com.hartomat.workflow.model.ContractKey.required("material", "json"))
            .legacy("backend/app/domains/materials")
            .settings(SettingsSchema.object("Material definition")
                    .pattern("base_color", "Base colour", "#b0b0b0", "^#[0-9a-fA-F]{6}$")
                    .number("metallic", "Metallic", 0.0, 0.0, 1.0)
                    .number("roughness", "Roughness", 0.5, 0.0, 1.0)
                    .number("transmission", "Transmission", 0.0, 0.0, 1.0)
                    .number("ior", "Index of refraction", 1.45, 1.0, 3.0)
                    .text("blender_material", "Material name in the library .blend", null, 200)
                    .pattern("library_path", "Material library .blend", null, "^.{1,500}\\.blend$"))
            .group("surface", "Surface", "base_color", "metallic", "roughness", "transmission", "ior")
            .group("library", "Library", "blender_material", "library_path")
            .build();

    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(new NodeCatalog(List.of(SCHEMA)));

    private MaterialDefinition() {
    }

    public static List<ValidationError> check(JsonNode definition) {
        return VALIDATOR.validateParams(STEP, definition, "/definition");
    }

    /** The stored definition: the given values over the schema's defaults. */
    public static ObjectNode withDefaults(ObjectNode definition) {
        ObjectNode full = definition.objectNode();
        for (Map.Entry<String, Object> e : SCHEMA.defaults().entrySet()) {
            full.set(e.getKey(), com.hartomat.workflow.model.JsonValues.toJson(e.getValue()));
        }
        full.setAll(definition);
        return full;
    }
}
